namespace Saas.Modules.Fees.Features.Calculations;

/// <summary>Calculate a case's fee, read a case's calculations, read one by id, quote a fee without a case.</summary>
internal static class CalculationsEndpoints
{
    internal sealed record CalculateBody(string Tariff, FeeFacts Facts, DateOnly? Date);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/fees").WithTags("Fees").RequireAuthorization(SaasPolicies.Staff);
        group.MapPost("/cases/{caseId:guid}/calculation", async Task<Created<CalculationView>> (Guid caseId, CalculateBody body, CalculateFee calculate, CancellationToken ct) =>
        {
            var view = await calculate.ExecuteAsync(new CalculateFeeRequest(caseId, body.Tariff, body.Facts, body.Date), ct);
            return TypedResults.Created($"/api/fees/calculations/{view.Id}", view);
        });
        group.MapGet("/cases/{caseId:guid}/calculations", async Task<Ok<IReadOnlyList<CalculationView>>> (Guid caseId, ReadCalculations read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadCalculationsRequest(caseId), ct)));
        group.MapGet("/calculations/{id:guid}", async Task<Ok<CalculationView>> (Guid id, ReadCalculation read, CancellationToken ct) =>
            TypedResults.Ok(await read.ExecuteAsync(new ReadCalculationRequest(id), ct)));
    }
}
