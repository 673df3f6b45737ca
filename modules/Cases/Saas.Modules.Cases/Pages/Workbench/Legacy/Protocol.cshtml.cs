using Saas.Modules.Cases.Features.LegacyDigitisation;

namespace Saas.Modules.Cases.Pages.Workbench.Legacy;

/// <summary>The scan protocol of a delivery as a page (the API gives the same as JSON); the same use case records the read.</summary>
internal sealed class ProtocolModel(ReadProtocol read) : WorkbenchPage
{
    public ScanProtocolRecord Protocol { get; private set; } = null!;

    public LegacyScanBatch Batch => Protocol.Batch;

    public LegacyBox Box => Protocol.Box;

    public IReadOnlyList<BatchDocument> Manifest => Protocol.Manifest;

    public IReadOnlyDictionary<Guid, QaFinding> Findings => Protocol.FindingsByDocument;

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Protocol = await read.ExecuteAsync(new ReadProtocolRequest(id, ReadVia.Workbench), ct);
}
