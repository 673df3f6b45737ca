using Saas.Modules.Studio.Features.Documents;

namespace Saas.Modules.Studio.Features.Exchange;

/// <summary>The authority's published configuration as a zip of the files <c>saas tenants export</c> writes, byte for byte.</summary>
internal sealed class ExportConfiguration(IMetadataExchange exchange)
{
    public Task ExecuteAsync(Stream zip, CancellationToken ct) => exchange.ExportAsync(zip, ct);
}

/// <summary>
/// Imports a zip of configuration files (from this authority or another, from a test system) as drafts: all or
/// nothing; any error in any file is <c>studio-import-invalid</c> with file, line and column of each, and nothing is stored.
/// </summary>
internal sealed class ImportConfiguration(IMetadataExchange exchange, StudioAuthor author)
{
    public async Task<int> ExecuteAsync(Stream zip, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(zip);
        try
        {
            return await exchange.ImportAsync(zip, author.Name, ct);
        }
        catch (MetadataValidationException ex)
        {
            throw StudioProblems.ImportInvalid(ex.Errors);
        }
    }
}
