namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>Hand-over of files between authorities: services and endpoints; the module calls these two lines (docs/adr/0012).</summary>
internal static class TransferFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<HandOverFile>();
        services.AddScoped<ImportTransferPackage>();
        services.AddScoped<ReadTransfer>();
        services.AddScoped<ListTransfers>();
        services.AddScoped<OpenTransferPackage>();
        services.AddScoped<ListTransferReceivers>();
        services.AddScoped<RecordTransferConfirmation>();
        services.AddScoped<OpenTransferConfirmation>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => TransferEndpoints.Map(endpoints);
}
