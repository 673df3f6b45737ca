using System.Text.RegularExpressions;

namespace Saas.Modules.Letters.Features.Definitions;

/// <summary>
/// A letter as configuration (docs/adr/0023): key = the letter's key (<c>anhoerung</c>); the spec names its reviewed
/// Razor template (a file, never admin input), the e-Akte document type it is filed as, its declared placeholders (name,
/// German and English label, required) and its text blocks per language (German required) with <c>{placeholder}</c>
/// references. What one document can say is checked here; its template file and its document type are checked across
/// the authority's folder (<see cref="LetterReferences"/>) and again before every rendering.
/// </summary>
internal static partial class LetterKind
{
    public const string Name = "letter";

    public static MetadataKind Create() => new(Name, LettersModule.ModuleName, Schema) { Validate = Rules };

    /// <summary>A <c>{name}</c> reference in a text block, and any brace left over.</summary>
    [GeneratedRegex(@"\{([^{}]*)\}")]
    internal static partial Regex Reference();

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var definition = LetterDefinition.Read("", spec);
        var placeholders = spec["placeholders"]?.AsArray() ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < placeholders.Count; i++)
        {
            var name = placeholders[i]?["name"]?.GetValue<string>() ?? "";
            if (StandardValues.Names.Contains(name))
            {
                yield return new MetadataRuleError($"$.placeholders[{i}].name", LocalizedText.Of("letters.rule.placeholder-standard", ("name", name)));
            }
            else if (!seen.Add(name))
            {
                yield return new MetadataRuleError($"$.placeholders[{i}].name", LocalizedText.Of("letters.rule.placeholder-twice", ("name", name)));
            }
        }

        var texts = spec["texts"]?.AsArray() ?? [];
        var languages = new HashSet<string>(StringComparer.Ordinal);
        var germanIndex = -1;
        for (var i = 0; i < texts.Count; i++)
        {
            var language = texts[i]?["language"]?.GetValue<string>() ?? "";
            if (!languages.Add(language))
            {
                yield return new MetadataRuleError($"$.texts[{i}].language", LocalizedText.Of("letters.rule.language-twice", ("language", language)));
            }
            else if (language == LetterDefinition.German)
            {
                germanIndex = i;
            }
        }

        if (germanIndex < 0)
        {
            yield return new MetadataRuleError("$.texts", new LocalizedText("letters.rule.german-missing"));
        }

        var known = string.Join(", ", StandardValues.Names.Concat(definition.Placeholders.Select(p => p.Name)).Order(StringComparer.Ordinal));
        var germanBlocks = germanIndex < 0 ? null : BlockNames(texts[germanIndex]);
        for (var i = 0; i < texts.Count; i++)
        {
            var blocks = texts[i]?["blocks"]?.AsArray() ?? [];
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < blocks.Count; j++)
            {
                var name = blocks[j]?["name"]?.GetValue<string>() ?? "";
                if (!names.Add(name))
                {
                    yield return new MetadataRuleError($"$.texts[{i}].blocks[{j}].name", LocalizedText.Of("letters.rule.block-twice", ("name", name)));
                }
                else if (germanBlocks is not null && i != germanIndex && !germanBlocks.Contains(name))
                {
                    yield return new MetadataRuleError($"$.texts[{i}].blocks[{j}].name", LocalizedText.Of("letters.rule.block-not-german", ("name", name)));
                }

                foreach (var error in References(blocks[j]?["text"]?.GetValue<string>() ?? "", definition, known))
                {
                    yield return new MetadataRuleError($"$.texts[{i}].blocks[{j}].text", error);
                }
            }

            if (germanBlocks is not null && i != germanIndex)
            {
                foreach (var missing in germanBlocks.Where(b => !names.Contains(b)).Order(StringComparer.Ordinal))
                {
                    yield return new MetadataRuleError($"$.texts[{i}].blocks", LocalizedText.Of("letters.rule.block-missing", ("name", missing)));
                }
            }
        }
    }

    private static HashSet<string> BlockNames(JsonNode? text) =>
        (text?["blocks"]?.AsArray() ?? []).Select(b => b?["name"]?.GetValue<string>() ?? "").ToHashSet(StringComparer.Ordinal);

    /// <summary>Every <c>{name}</c> of a text block must be a declared or standard placeholder; a brace left over is refused too.</summary>
    private static IEnumerable<LocalizedText> References(string text, LetterDefinition definition, string known)
    {
        foreach (Match match in Reference().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (!definition.Knows(name))
            {
                yield return LocalizedText.Of("letters.rule.undeclared-placeholder", ("name", "{" + name + "}"), ("known", known));
            }
        }

        if (Reference().Replace(text, "").AsSpan().IndexOfAny('{', '}') >= 0)
        {
            yield return new LocalizedText("letters.rule.stray-brace");
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["template", "documentType", "texts"],
          "properties": {
            "template": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,59}$" },
            "documentType": { "type": "string", "pattern": "^[a-z0-9-]+$", "x-reference": "document-type" },
            "fileName": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9-]{0,59}$" },
            "placeholders": {
              "type": "array", "maxItems": 50,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["name", "label"],
                "properties": {
                  "name": { "type": "string", "pattern": "^[a-z][A-Za-z0-9]{0,39}$" },
                  "label": { "type": "string", "minLength": 1, "maxLength": 200 },
                  "labelEn": { "type": "string", "minLength": 1, "maxLength": 200 },
                  "required": { "type": "boolean" }
                }
              }
            },
            "texts": {
              "type": "array", "minItems": 1, "maxItems": 20,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["language", "blocks"],
                "properties": {
                  "language": { "type": "string", "pattern": "^[a-z]{2,3}$" },
                  "blocks": {
                    "type": "array", "minItems": 1, "maxItems": 50,
                    "items": {
                      "type": "object", "additionalProperties": false, "required": ["name", "text"],
                      "properties": {
                        "name": { "type": "string", "pattern": "^[a-z][A-Za-z0-9]{0,39}$" },
                        "text": { "type": "string", "minLength": 1, "maxLength": 8000 }
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
