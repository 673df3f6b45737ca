namespace Saas.Modules.Cases.Contracts;

/// <summary>A document was added to a file (written through the outbox with the document itself).</summary>
public sealed record DocumentAdded(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid DocumentId, Guid CaseFileId, string ContentType)
    : Saas.Platform.Outbox.IIntegrationEvent;

/// <summary>A scan batch was stored and waits to be split at its cover sheets.</summary>
public sealed record ScanBatchReceived(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, Guid BatchId)
    : Saas.Platform.Outbox.IIntegrationEvent;
