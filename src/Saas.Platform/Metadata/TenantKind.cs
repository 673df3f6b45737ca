namespace Saas.Platform.Metadata;

/// <summary>
/// The kernel's own kind: an authority's profile and platform settings (<c>tenants/&lt;key&gt;/tenant.yaml</c>).
/// Importing it creates or updates the authority in the tenant registry.
/// </summary>
public static class TenantKind
{
    public const string Name = "tenant";

    public static readonly IReadOnlySet<string> FederalStates = new HashSet<string>(StringComparer.Ordinal)
    {
        "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
    };

    public static MetadataKind Create() => new(Name, "platform", Schema)
    {
        Validate = Rules,
    };

    private static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        if (spec["federalState"]?.GetValue<string>() is { } state && !FederalStates.Contains(state))
        {
            yield return new MetadataRuleError("$.federalState", LocalizedText.Of("platform.metadata.tenant.federal-state", ("state", state)));
        }

        var languages = spec["languages"]?.AsArray().Select(l => l?.GetValue<string>()).ToList() ?? [];
        if (spec["defaultLanguage"]?.GetValue<string>() is { } language && languages.Count > 0 && !languages.Contains(language))
        {
            yield return new MetadataRuleError("$.defaultLanguage", LocalizedText.Of("platform.metadata.tenant.default-language", ("language", language)));
        }
    }

    private const string Schema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "officialKey", "federalState", "modules"],
          "properties": {
            "name": { "type": "string", "minLength": 3, "maxLength": 200 },
            "shortName": { "type": "string", "maxLength": 80 },
            "officialKey": { "type": "string", "pattern": "^[0-9]{8}$", "description": "Amtlicher Gemeindeschlüssel (AGS) of the city or district" },
            "federalState": { "type": "string", "pattern": "^[A-Z]{2}$" },
            "department": { "type": "string", "maxLength": 200 },
            "address": {
              "type": "object", "additionalProperties": false, "required": ["street", "postalCode", "city"],
              "properties": {
                "street": { "type": "string" }, "postalCode": { "type": "string", "pattern": "^[0-9]{5}$" }, "city": { "type": "string" }
              }
            },
            "contact": {
              "type": "object", "additionalProperties": false,
              "properties": { "phone": { "type": "string" }, "email": { "type": "string" }, "website": { "type": "string" } }
            },
            "hosts": { "x-operator-only": true, "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9.-]+$" }, "uniqueItems": true },
            "modules": { "x-operator-only": true, "type": "array", "items": { "type": "string", "pattern": "^[a-z][a-z0-9-]*$" }, "uniqueItems": true },
            "defaultLanguage": { "type": "string", "pattern": "^[a-z]{2}$" },
            "languages": { "type": "array", "items": { "type": "string", "pattern": "^[a-z]{2}$" }, "uniqueItems": true },
            "facts": { "type": "object", "additionalProperties": { "type": ["string", "number", "integer"] } }
          }
        }
        """;
}
