namespace Saas.Platform.Tests.Outbox;

/// <summary>
/// The test classes whose hosts dispatch the outbox of the one shared test database. A dispatcher works on every
/// authority's pending messages, so two of them running at once take each other's: a mail host's notification handled
/// by an outbox host without SMTP settings fails, waits out its back-off, and never reaches the mail test (a CI run
/// failed this way). They run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedOutbox
{
    public const string Name = "dispatchers of the shared test database's outbox";
}
