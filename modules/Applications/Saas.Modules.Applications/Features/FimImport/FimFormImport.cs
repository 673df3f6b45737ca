using Saas.Modules.Applications.Contracts;

namespace Saas.Modules.Applications.Features.FimImport;

/// <summary>The contract's import: <see cref="FimImporter"/> with the default limits.</summary>
internal sealed class FimFormImport : IFimFormImport
{
    public FimImportOutcome Import(string path, string? key = null)
    {
        var result = FimImporter.Import(path, key);
        return new FimImportOutcome(result.Key, result.Yaml, result.Errors.Select(e => new FimImportProblem(e.File, e.Line, e.Column, e.Message)).ToList(),
            result.MissingCodeLists);
    }
}
