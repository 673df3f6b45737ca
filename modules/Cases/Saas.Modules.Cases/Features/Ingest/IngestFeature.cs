namespace Saas.Modules.Cases.Features.Ingest;

/// <summary>The scan path's services and endpoints (cover sheets, batches, their split); the module calls these two lines (docs/adr/0012).</summary>
internal static class IngestFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddIntegrationEventHandler<Contracts.ScanBatchReceived, ScanBatchProcessor>();
        services.AddScoped<CreateCoverSheet>();
        services.AddScoped<PrintCoverSheet>();
        services.AddScoped<ReceiveScanBatch>();
        services.AddScoped<ListScanBatches>();
        services.AddScoped<ReadScanBatch>();
        services.AddScoped<RetryScanBatch>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        CoverSheetEndpoints.Map(endpoints);
        ScanBatchEndpoints.Map(endpoints);
    }
}
