namespace Saas.Modules.Organization.Features.Units;

/// <summary>An organisational unit (Sachgebiet), e.g. 30.20 general residence law or 30.24 enforcement.</summary>
internal static class UnitKind
{
    public const string Name = "unit";

    public static MetadataKind Create() => new(Name, OrganizationModule.ModuleName, """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["code", "name"],
          "properties": {
            "code": { "type": "string", "pattern": "^[0-9A-Za-z./ -]{1,20}$" },
            "name": { "type": "string", "minLength": 2 },
            "nameEn": { "type": "string" },
            "responsibilities": { "type": "array", "items": { "type": "string" } },
            "email": { "type": "string" },
            "phone": { "type": "string" }
          }
        }
        """);
}
