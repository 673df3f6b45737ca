using Saas.Platform.Modules;

namespace Saas.Modules.Letters.Features.Definitions;

/// <summary>
/// What a letter document names must exist (docs/adr/0023): its template file in the authority's
/// <c>templates/</c> folder or the platform's, using only the placeholders and text blocks the letter declares; and its
/// document type among the authority's <c>document-type</c> documents. Errors name the letter's file (line and column
/// of <c>template</c> or <c>documentType</c>) or the template file (line and column of the offending use).
/// </summary>
internal sealed class LetterReferences(IOptions<LettersOptions> options) : IConfigurationSetCheck
{
    private const string DocumentTypeKind = "document-type";

    public IEnumerable<MetadataError> Check(IReadOnlyList<ConfigurationFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var letters = files.Where(f => f.Kind == LetterKind.Name).ToList();
        if (letters.Count == 0)
        {
            yield break;
        }

        var authority = files.FirstOrDefault(f => f.Kind == TenantKind.Name)?.Key ?? "";
        var documentTypes = files.Where(f => f.Kind == DocumentTypeKind).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var root = options.Value.TenantsPath!;
        foreach (var file in letters)
        {
            // The file passed the platform's parser, its limits and the kind's schema before this runs.
            var (spec, marks) = YamlSpec.Read(file.Yaml);
            var letter = LetterDefinition.Read(file.Key, spec);
            var template = LetterTemplates.Find(root, authority, letter.Template, file.Folder);
            if (template is null)
            {
                var (line, column) = marks.GetValueOrDefault("template");
                yield return new MetadataError(file.File, "$.spec.template", line, column,
                    LocalizedText.Of("letters.rule.template-missing", ("template", letter.Template), ("folder", $"{authority}/templates")));
            }
            else
            {
                foreach (var error in LetterTemplates.Check(template, letter))
                {
                    yield return error;
                }
            }

            if (!documentTypes.Contains(letter.DocumentType))
            {
                var (line, column) = marks.GetValueOrDefault("documentType");
                yield return new MetadataError(file.File, "$.spec.documentType", line, column,
                    LocalizedText.Of("letters.rule.unknown-document-type", ("type", letter.DocumentType), ("known", string.Join(", ", documentTypes.Order(StringComparer.Ordinal)))));
            }
        }
    }
}
