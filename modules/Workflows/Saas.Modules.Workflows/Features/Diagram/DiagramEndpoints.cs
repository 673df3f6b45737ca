namespace Saas.Modules.Workflows.Features.Diagram;

/// <summary>A process version as a BPMN file for modellers and the authority's process register.</summary>
internal static class DiagramEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/workflows/processes/{key}/bpmn", async Task<FileContentHttpResult> (string key, int? version, ExportProcessBpmn export, CancellationToken ct) =>
        {
            var file = await export.ExecuteAsync(new ExportProcessBpmnRequest(key, version), ct);
            return TypedResults.File(file.Bytes(), BpmnFile.ContentType, file.FileName);
        }).WithTags("Workflows: processes").RequireAuthorization(SaasPolicies.Staff);
    }
}
