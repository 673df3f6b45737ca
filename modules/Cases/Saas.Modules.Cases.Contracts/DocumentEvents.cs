namespace Saas.Modules.Cases.Contracts;

/// <summary>A document was added to a file (written through the outbox with the document itself).</summary>
public sealed record DocumentAdded(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid DocumentId, Guid CaseFileId, string ContentType)
    : Saas.Platform.Outbox.IIntegrationEvent;
