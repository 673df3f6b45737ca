using Saas.Platform.Texts;

namespace Saas.Modules.Applications.Contracts;

/// <summary>An error of a FIM import where it stands in the file (1-based; 0 when the file could not be opened at all).</summary>
public sealed record FimImportProblem(string File, int Line, int Column, LocalizedText Message);

/// <summary>
/// A FIM schema read into a <c>form</c> document (docs/adr/0032): the YAML for the admin to review as a draft, or the
/// located errors; and the code lists the schema names whose genericode file was not beside it.
/// </summary>
public sealed record FimImportOutcome(string Key, string? Yaml, IReadOnlyList<FimImportProblem> Errors, IReadOnlyList<string> MissingCodeLists)
{
    public bool Succeeded => Yaml is not null;
}

/// <summary>Imports an XDatenfelder 2 or 3 Stammdatenschema (or Datenfeldgruppe) file; used by <c>saas forms import</c>, later by the studio.</summary>
public interface IFimFormImport
{
    FimImportOutcome Import(string path, string? key = null);
}
