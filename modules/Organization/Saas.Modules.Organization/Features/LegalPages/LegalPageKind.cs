namespace Saas.Modules.Organization.Features.LegalPages;

/// <summary>
/// A page every public authority's website must have, as the authority writes it: the Impressum (§ 5 DDG), the privacy
/// notice (Art. 13 GDPR) and the accessibility statement (§ 12b BGG / BITV 2.0), or another page the portal's footer
/// links. Plain text in sections and paragraphs, German with an English version where the authority wrote one (the
/// portal says which sections it shows in German only); no markup from admin input reaches a page.
/// </summary>
internal static class LegalPageKind
{
    public const string Name = "legal-page";

    public static MetadataKind Create() => new(Name, OrganizationModule.ModuleName, Schema) { Validate = Rules, ViewPage = "rechtliches/{key}", ViewText = "organization.legal.view" };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var sections = spec["sections"]?.AsArray() ?? [];
        var headings = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sections.Count; i++)
        {
            var heading = sections[i]?["heading"]?.GetValue<string>() ?? "";
            if (!headings.Add(heading))
            {
                yield return new MetadataRuleError($"$.sections[{i}].heading", LocalizedText.Of("organization.rule.legal-heading-twice", ("heading", heading)));
            }
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["title", "updated", "sections"],
          "properties": {
            "title": { "type": "string", "minLength": 1, "maxLength": 120 },
            "titleEn": { "type": "string", "minLength": 1, "maxLength": 120 },
            "order": { "type": "integer", "minimum": 0, "maximum": 99 },
            "updated": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
            "sections": {
              "type": "array", "minItems": 1, "maxItems": 40,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["heading", "paragraphs"],
                "properties": {
                  "heading": { "type": "string", "minLength": 1, "maxLength": 200 },
                  "headingEn": { "type": "string", "minLength": 1, "maxLength": 200 },
                  "paragraphs": {
                    "type": "array", "minItems": 1, "maxItems": 30,
                    "items": {
                      "type": "object", "additionalProperties": false, "required": ["text"],
                      "properties": {
                        "text": { "type": "string", "minLength": 1, "maxLength": 4000, "x-multiline": true },
                        "textEn": { "type": "string", "minLength": 1, "maxLength": 4000, "x-multiline": true }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;
}
