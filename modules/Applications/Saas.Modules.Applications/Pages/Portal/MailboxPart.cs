using Saas.Modules.Applications.Features.Mailbox;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// The mailbox on the applicant's pages (docs/adr/0044): the messages so far, and — once the application is in the
/// e-Akte — a form for a text and a file; a refused message comes back with its error and the text as typed.
/// </summary>
internal sealed record MailboxPart(IReadOnlyList<MessageView> Messages, bool Open, string? Error = null, string? Text = null)
{
    /// <summary>The form's fields, for the page models' handlers.</summary>
    public const string TextField = "nachricht";

    public const string FileField = "anhang";
}
