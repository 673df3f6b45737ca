using System.Xml.Linq;
using Saas.Modules.Organization.Contracts;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Diagram;

/// <param name="Version">A version that was published once; null: the one published now.</param>
internal sealed record ExportProcessBpmnRequest(string Key, int? Version);

/// <summary>A process version as a BPMN file: <c>&lt;key&gt;-v&lt;version&gt;.bpmn</c>.</summary>
internal sealed record BpmnFile(string Key, int Version, string FileName, XDocument Document)
{
    public const string ContentType = "application/xml";

    public byte[] Bytes() => BpmnExport.Bytes(Document);
}

/// <summary>
/// The authority's process (published now, or an earlier published version) as BPMN 2.0 with its diagram
/// (docs/adr/0025). Read through <see cref="ProcessCatalogue"/>, so only the authority in scope's processes are found;
/// another authority's key is 404 (<c>process-not-found</c>, <c>process-version-not-found</c>).
/// </summary>
internal sealed class ExportProcessBpmn(ProcessCatalogue catalogue, IOrganizationDirectory organization)
{
    public async Task<BpmnFile> ExecuteAsync(ExportProcessBpmnRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var process = await FindAsync(catalogue, request.Key, request.Version, ct);
        var units = (await organization.GetUnitsAsync(ct)).ToDictionary(u => u.Key, u => Names.Of(u.Name, u.NameEn), StringComparer.Ordinal);
        var document = BpmnExport.Export(process.Definition, process.Version, units);
        return new BpmnFile(process.Definition.Key, process.Version,
            string.Create(CultureInfo.InvariantCulture, $"{process.Definition.Key}-v{process.Version}.bpmn"), document);
    }

    internal static async Task<CompiledProcess> FindAsync(ProcessCatalogue catalogue, string key, int? version, CancellationToken ct)
    {
        if (version is { } number)
        {
            if (number < 1)
            {
                throw DiagramProblems.VersionInvalid(number);
            }

            return await catalogue.VersionAsync(key, number, ct) ?? throw WorkflowsProblems.VersionNotFound(key, number);
        }

        return await catalogue.PublishedAsync(key, ct) ?? throw WorkflowsProblems.ProcessNotFound(key);
    }
}
