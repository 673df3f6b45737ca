namespace Saas.Modules.Workflows.Features.Definitions;

/// <summary>Process definitions: the kind, its cross-document check, the compiled catalogue, the list of processes (docs/adr/0012).</summary>
internal static class DefinitionsFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IConfigurationSetCheck, ProcessReferences>();
        services.AddScoped<ProcessCatalogue>();
        services.AddScoped<ListProcesses>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/workflows/processes").WithTags("Workflows: processes").RequireAuthorization(SaasPolicies.Staff);
        group.MapGet("", async Task<Ok<IReadOnlyList<ProcessSummary>>> (ListProcesses list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(new ListProcessesRequest(), ct)));
    }
}

internal sealed record ListProcessesRequest;

internal sealed record ProcessSummary(string Key, string Name, int Version, string CaseKind, IReadOnlyList<string> LegalBases, int States, int Transitions);

/// <summary>The authority's published processes, in the reader's language.</summary>
internal sealed class ListProcesses(ProcessCatalogue catalogue)
{
    public async Task<IReadOnlyList<ProcessSummary>> ExecuteAsync(ListProcessesRequest request, CancellationToken ct) =>
        [.. (await catalogue.AllPublishedAsync(ct)).Select(p => new ProcessSummary(p.Definition.Key, Instances.Names.Of(p.Definition.Name, p.Definition.NameEn),
            p.Version, p.Definition.CaseKind, p.Definition.LegalBases, p.Definition.States.Count, p.Definition.Transitions.Count))];
}
