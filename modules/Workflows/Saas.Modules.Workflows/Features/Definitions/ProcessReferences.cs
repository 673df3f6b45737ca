using YamlDotNet.RepresentationModel;

namespace Saas.Modules.Workflows.Features.Definitions;

/// <summary>
/// What a process names must exist among the authority's documents (docs/adr/0024): the document types its guards
/// require (kind <c>document-type</c> of the e-Akte), the units its states and escalations give work to (kind
/// <c>unit</c>), the letters it produces (kind <c>letter</c>). Errors name file, line and column of the reference.
/// </summary>
internal sealed class ProcessReferences : IConfigurationSetCheck
{
    public const string DocumentTypeKind = "document-type";
    public const string UnitKind = "unit";
    public const string LetterKind = "letter";

    public IEnumerable<MetadataError> Check(IReadOnlyList<ConfigurationFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var keys = files.GroupBy(f => f.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        HashSet<string> Of(string kind) => keys.GetValueOrDefault(kind) ?? [];

        foreach (var file in files.Where(f => f.Kind == ProcessKind.Name))
        {
            if (Root(file.Yaml) is not { } root)
            {
                continue;
            }

            foreach (var (path, node, kind) in References(Child(root, "spec") as YamlMappingNode ?? new YamlMappingNode()))
            {
                if (node.Value is { } value && !Of(kind).Contains(value))
                {
                    var text = kind switch
                    {
                        DocumentTypeKind => LocalizedText.Of("workflows.rule.unknown-document-type", ("type", value)),
                        UnitKind => LocalizedText.Of("workflows.rule.unknown-unit", ("unit", value)),
                        _ => LocalizedText.Of("workflows.rule.unknown-letter", ("letter", value)),
                    };
                    yield return new MetadataError(file.File, path, (int)node.Start.Line, (int)node.Start.Column, text);
                }
            }
        }
    }

    /// <summary>Every reference of a process spec to another document: its path, its scalar and the kind it names.</summary>
    private static IEnumerable<(string Path, YamlScalarNode Node, string Kind)> References(YamlMappingNode spec)
    {
        foreach (var (i, state) in Items(spec, "states").Index())
        {
            if (Child(state, "unit") is YamlScalarNode unit)
            {
                yield return ($"$.spec.states[{i}].unit", unit, UnitKind);
            }

            foreach (var (j, task) in Items(state, "tasks").Index())
            {
                if (Child(task, "unit") is YamlScalarNode taskUnit)
                {
                    yield return ($"$.spec.states[{i}].tasks[{j}].unit", taskUnit, UnitKind);
                }
            }
        }

        foreach (var (i, transition) in Items(spec, "transitions").Index())
        {
            if (Child(transition, "guard") is YamlMappingNode guard && Child(guard, "documents") is YamlSequenceNode documents)
            {
                foreach (var (j, document) in documents.Children.OfType<YamlScalarNode>().Index())
                {
                    yield return ($"$.spec.transitions[{i}].guard.documents[{j}]", document, DocumentTypeKind);
                }
            }

            foreach (var (j, action) in Items(transition, "actions").Index())
            {
                if (Child(action, "letter") is YamlScalarNode letter)
                {
                    yield return ($"$.spec.transitions[{i}].actions[{j}].letter", letter, LetterKind);
                }
            }
        }

        foreach (var (j, action) in Items(spec, "startActions").Index())
        {
            if (Child(action, "letter") is YamlScalarNode letter)
            {
                yield return ($"$.spec.startActions[{j}].letter", letter, LetterKind);
            }
        }

        foreach (var (i, deadline) in Items(spec, "deadlines").Index())
        {
            foreach (var (j, escalation) in Items(deadline, "escalations").Index())
            {
                if (Child(escalation, "unit") is YamlScalarNode unit)
                {
                    yield return ($"$.spec.deadlines[{i}].escalations[{j}].unit", unit, UnitKind);
                }
            }
        }
    }

    private static YamlMappingNode? Root(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null; // the document's own validation named it
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string name) =>
        node.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } key } && key == name).Value;

    private static List<YamlMappingNode> Items(YamlMappingNode node, string name) =>
        [.. ((Child(node, name) as YamlSequenceNode)?.Children ?? []).OfType<YamlMappingNode>()];
}
