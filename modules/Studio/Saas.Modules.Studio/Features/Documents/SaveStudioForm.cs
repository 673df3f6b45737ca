using System.Text.RegularExpressions;

namespace Saas.Modules.Studio.Features.Documents;

/// <summary>A post of a generated form: the document it edits, the version opened, and the form's values.</summary>
internal sealed record SaveStudioFormRequest(string Kind, string Key, int? BasedOnVersion, FormState Values, IReadOnlyList<FieldProblem> PostProblems);

/// <summary>
/// Saves what a generated form posted: binds it against the kind's schema (<see cref="FormBinder"/>; a forged name or
/// type is <c>studio-form-refused</c> with a message per field, and nothing is saved), writes it as YAML by the
/// round-trip rule (unchanged spec: the opened text byte for byte) and saves it as the draft through
/// <see cref="SaveStudioDraft"/>, so a form and the YAML view store the same way.
/// </summary>
internal sealed partial class SaveStudioForm(IMetadataDrafts drafts, StudioKinds kinds, FormBinder binder, SaveStudioDraft save)
{
    public async Task<MetadataDraft> ExecuteAsync(SaveStudioFormRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var yaml = await ToYamlAsync(request, ct);
        return await save.ExecuteAsync(new SaveStudioDraftRequest(yaml, request.BasedOnVersion), ct);
    }

    /// <summary>The form as YAML without saving it (the switch to the YAML view); refused as a save would be.</summary>
    public async Task<string> ToYamlAsync(SaveStudioFormRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = kinds.Get(request.Kind);
        if (!IsKey(request.Key))
        {
            throw StudioProblems.InvalidKey(request.Key);
        }

        var entry = await drafts.GetAsync(kind.Name, request.Key, ct);
        var opened = entry?.Draft?.Document ?? entry?.Published;
        var bound = binder.Bind(kind.Root, request.Values, opened?.Spec, request.PostProblems);
        if (!bound.Ok)
        {
            throw StudioProblems.FormRefused(bound.Problems.GroupBy(p => p.Path)
                .ToDictionary(g => g.Key, g => g.Select(p => TextCatalog.Shared.Format(p.Text)).ToArray()));
        }

        return YamlWriter.Write(kind.Name, request.Key, bound.Spec, opened?.Yaml, opened?.Spec);
    }

    /// <summary>A document key: lower-case letters, digits and '-', as the files are named.</summary>
    public static bool IsKey(string key) => key.Length is > 0 and <= 63 && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex KeyPattern();
}
