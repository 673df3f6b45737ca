using System.Text.RegularExpressions;

namespace Saas.Modules.Applications.Features.Definitions;

/// <summary>
/// The metadata kind <c>form</c> (docs/adr/0032): steps, groups (repeating with <c>min</c>/<c>max</c>), fields of nine
/// types, code lists, conditions (<c>visibleWhen</c>, <c>requiredWhen</c>) and computed values in the kernel's
/// expression language over the form's own fields, validation, evidence per situation, texts per language and FIM
/// provenance. What one document can say is checked here, every error located: duplicate keys, unknown groups, steps
/// and code lists, a repeating group with min above max, contradicting limits, a translation missing for a language
/// the form offers (a finding the admin sees; nothing is filled in), and expressions that do not type-check.
/// </summary>
internal static class FormKind
{
    public const string Name = "form";

    private static readonly string[] Keywords = ["and", "or", "not", "in", "if", "then", "else", "true", "false"];

    public static MetadataKind Create() => new(Name, ApplicationsModule.ModuleName, Schema) { Validate = Rules, ValidateDocument = ExpressionRules };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var form = FormDefinition.Read("", spec);
        var errors = new List<MetadataRuleError>();
        if (form.Title["de"] is null)
        {
            errors.Add(Error("$.title", "applications.rule.german-missing"));
        }

        if (!form.Languages.Contains("de"))
        {
            errors.Add(Error("$.languages", "applications.rule.languages-without-german"));
        }

        Duplicates(errors, form.Steps.Select(s => (s.Key, s.Path)), "applications.rule.duplicate-step");
        Duplicates(errors, form.Groups.Select(g => (g.Key, g.Path)), "applications.rule.duplicate-group");
        Duplicates(errors, form.Fields.Select(f => (f.FullPath, f.Path)), "applications.rule.duplicate-field");
        Duplicates(errors, form.CodeLists.Select(c => (c.Key, c.Path)), "applications.rule.duplicate-code-list");
        var steps = form.Steps.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var group in form.Groups)
        {
            GroupRules(errors, form, group, steps);
        }

        foreach (var field in form.Fields)
        {
            FieldRules(errors, form, field);
        }

        foreach (var list in form.CodeLists)
        {
            Duplicates(errors, list.Codes.Select((c, i) => (c.Code, $"{list.Path}.codes[{i}]")), "applications.rule.duplicate-code");
            if (list.Codes.Count == 0)
            {
                errors.Add(Error(list.Path + ".codes", "applications.rule.code-list-empty", ("list", list.Key), ("uri", list.CanonicalUri ?? "")));
            }
        }

        if (form.Intake is { } intake)
        {
            foreach (var (path, field, expected) in intake.Mismatches(form))
            {
                errors.Add(Error(path, "applications.rule.intake-field", ("field", field), ("type", expected)));
            }
        }

        Translations(errors, form);
        return errors;
    }

    private static void GroupRules(List<MetadataRuleError> errors, FormDefinition form, FormGroup group, HashSet<string> steps)
    {
        if (Keywords.Contains(group.Key))
        {
            errors.Add(Error(group.Path + ".key", "applications.rule.keyword", ("key", group.Key)));
        }

        if (group.Parent is { } parent && form.GroupOf(parent) is null)
        {
            errors.Add(Error(group.Path + ".parent", "applications.rule.unknown-group", ("group", parent)));
        }
        else if (form.Chain(group).Count == 0)
        {
            errors.Add(Error(group.Path + ".parent", "applications.rule.group-cycle", ("group", group.Key)));
        }

        if (group.Step is { } step && !steps.Contains(step))
        {
            errors.Add(Error(group.Path + ".step", "applications.rule.unknown-step", ("step", step)));
        }

        if (group.Min > group.Max)
        {
            errors.Add(Error(group.Path + ".min", "applications.rule.min-above-max", ("min", group.Min), ("max", group.Max)));
        }
    }

    private static void FieldRules(List<MetadataRuleError> errors, FormDefinition form, FormField field)
    {
        if (Keywords.Contains(field.Key))
        {
            errors.Add(Error(field.Path + ".key", "applications.rule.keyword", ("key", field.Key)));
        }

        if (field.Group is { } group && form.GroupOf(group) is null)
        {
            errors.Add(Error(field.Path + ".group", "applications.rule.unknown-group", ("group", group)));
        }

        if (field.Type == FormFieldType.Select && field.CodeList is null)
        {
            errors.Add(Error(field.Path + ".codeList", "applications.rule.select-without-code-list", ("field", field.Key)));
        }

        if (field.CodeList is { } list && form.CodeListOf(list) is null)
        {
            errors.Add(Error(field.Path + ".codeList", "applications.rule.unknown-code-list", ("list", list),
                ("known", string.Join(", ", form.CodeLists.Select(c => c.Key)))));
        }

        if (field.MinLength > field.MaxLength)
        {
            errors.Add(Error(field.Path + ".minLength", "applications.rule.min-above-max", ("min", field.MinLength), ("max", field.MaxLength)));
        }

        if (field.Minimum > field.Maximum)
        {
            errors.Add(Error(field.Path + ".minimum", "applications.rule.min-above-max", ("min", field.Minimum), ("max", field.Maximum)));
        }

        if (field.MinDate > field.MaxDate)
        {
            errors.Add(Error(field.Path + ".minDate", "applications.rule.min-above-max", ("min", field.MinDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("max", field.MaxDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }

        if (field.Pattern is { } pattern && !PatternCompiles(pattern))
        {
            errors.Add(Error(field.Path + ".pattern", "applications.rule.pattern-invalid", ("pattern", pattern)));
        }

        if (field.Computed is not null && field.Type is FormFieldType.File or FormFieldType.Label)
        {
            errors.Add(Error(field.Path + ".computed", "applications.rule.computed-type", ("field", field.Key)));
        }

        if ((field.Accept.Count > 0 || field.MaxBytes is not null || field.Evidence is not null) && field.Type != FormFieldType.File)
        {
            errors.Add(Error(field.Path + ".type", "applications.rule.evidence-not-file", ("field", field.Key)));
        }

        if (field.Multiple && field.Type is FormFieldType.Boolean or FormFieldType.File or FormFieldType.Label)
        {
            errors.Add(Error(field.Path + ".maxItems", "applications.rule.multiple-type", ("field", field.Key)));
        }
    }

    private static void Translations(List<MetadataRuleError> errors, FormDefinition form)
    {
        var others = form.Languages.Where(l => l != "de").ToList();
        var texts = new List<(string Path, FormTexts Texts, bool Needed)> { ("$.title", form.Title, true) };
        texts.AddRange(form.Steps.Select(s => (s.Path + ".title", s.Title, true)));
        texts.AddRange(form.Groups.Select(g => (g.Path + ".label", g.Label, true)));
        texts.AddRange(form.Groups.Select(g => (g.Path + ".help", g.Help, !g.Help.IsEmpty)));
        texts.AddRange(form.Fields.Select(f => (f.Path + ".label", f.Label, true)));
        texts.AddRange(form.Fields.Select(f => (f.Path + ".help", f.Help, !f.Help.IsEmpty)));
        texts.AddRange(form.CodeLists.SelectMany(c => c.Codes.Select((code, i) => ($"{c.Path}.codes[{i}].label", code.Label, true))));
        foreach (var (path, text, needed) in texts.Where(t => t.Needed))
        {
            if (path != "$.title" && text["de"] is null)
            {
                errors.Add(Error(path, "applications.rule.german-missing"));
            }

            var missing = others.Where(l => text[l] is null).ToList();
            if (missing.Count > 0)
            {
                errors.Add(Error(path, "applications.rule.translation-missing", ("languages", string.Join(", ", missing))));
            }

            foreach (var language in text.ByLanguage.Keys.Where(l => !form.Languages.Contains(l)))
            {
                errors.Add(Error(path, "applications.rule.language-not-offered", ("language", language)));
            }
        }
    }

    /// <summary>Every condition and computed value compiles against the form's own fields, its errors located in the YAML.</summary>
    internal static IEnumerable<MetadataRuleError> ExpressionRules(MetadataRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var form = FormDefinition.Read("", context.Spec);
        var compiled = FormExpressions.Compile(form, context.Yaml, context.LocateValue);
        return compiled.Errors.Select(e => new MetadataRuleError(e.Path, e.Error.Message) { Line = e.Error.Line, Column = e.Error.Column }).ToList();
    }

    private static bool PatternCompiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Duplicates(List<MetadataRuleError> errors, IEnumerable<(string Key, string Path)> items, string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, path) in items)
        {
            if (!seen.Add(key))
            {
                errors.Add(Error(path, text, ("key", key)));
            }
        }
    }

    private static MetadataRuleError Error(string path, string key, params (string, object?)[] args) => new(path, LocalizedText.Of(key, args));

    private const string TextsSchema = """
        { "type": "object", "additionalProperties": { "type": "string", "minLength": 1, "maxLength": 4000 } }
        """;

    private const string FimSchema = """
        { "type": "object", "additionalProperties": false, "required": ["id"], "properties": {
            "id": { "type": "string", "minLength": 1, "maxLength": 64 },
            "version": { "type": "string", "maxLength": 32 } } }
        """;

    private const string NotesSchema = """
        { "type": "array", "maxItems": 50, "items": { "type": "string", "maxLength": 8000, "x-multiline": true } }
        """;

    private const string KeyPattern = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

    private static readonly string Schema = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["title", "fields"],
          "properties": {
            "title": {{TextsSchema}},
            "languages": { "type": "array", "maxItems": 20, "items": { "type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$" } },
            "fim": { "type": "object", "additionalProperties": false, "required": ["id"], "properties": {
              "standard": { "type": "string", "enum": ["xdf2", "xdf3"] },
              "id": { "type": "string", "minLength": 1, "maxLength": 64 },
              "version": { "type": "string", "maxLength": 32 } } },
            "notes": {{NotesSchema}},
            "intake": {{FormIntake.Schema}},
            "steps": { "type": "array", "maxItems": 50, "items": { "type": "object", "additionalProperties": false, "required": ["key", "title"], "properties": {
              "key": { "type": "string", "pattern": "{{KeyPattern}}" },
              "title": {{TextsSchema}} } } },
            "groups": { "type": "array", "maxItems": 2000, "items": { "type": "object", "additionalProperties": false, "required": ["key", "label"], "properties": {
              "key": { "type": "string", "pattern": "{{KeyPattern}}" },
              "parent": { "type": "string", "pattern": "{{KeyPattern}}" },
              "step": { "type": "string", "pattern": "{{KeyPattern}}" },
              "label": {{TextsSchema}},
              "help": {{TextsSchema}},
              "min": { "type": "integer", "minimum": 0, "maximum": 99 },
              "max": { "type": "integer", "minimum": 1, "maximum": 99 },
              "fim": {{FimSchema}},
              "notes": {{NotesSchema}} } } },
            "fields": { "type": "array", "maxItems": 5000, "items": { "type": "object", "additionalProperties": false, "required": ["key", "type", "label"], "properties": {
              "key": { "type": "string", "pattern": "{{KeyPattern}}" },
              "group": { "type": "string", "pattern": "{{KeyPattern}}" },
              "type": { "type": "string", "enum": ["text", "multiline", "number", "decimal", "date", "boolean", "select", "file", "label"] },
              "label": {{TextsSchema}},
              "help": {{TextsSchema}},
              "required": { "type": "boolean" },
              "maxItems": { "type": "integer", "minimum": 1, "maximum": 99 },
              "requiredWhen": { "type": "string", "minLength": 1, "maxLength": 4000 },
              "visibleWhen": { "type": "string", "minLength": 1, "maxLength": 4000 },
              "computed": { "type": "string", "minLength": 1, "maxLength": 4000 },
              "minLength": { "type": "integer", "minimum": 0, "maximum": 100000 },
              "maxLength": { "type": "integer", "minimum": 1, "maximum": 100000 },
              "pattern": { "type": "string", "minLength": 1, "maxLength": 1000 },
              "minimum": { "type": "number" },
              "maximum": { "type": "number" },
              "scale": { "type": "integer", "minimum": 0, "maximum": 10 },
              "minDate": { "type": "string", "format": "date" },
              "maxDate": { "type": "string", "format": "date" },
              "codeList": { "type": "string", "pattern": "{{KeyPattern}}" },
              "accept": { "type": "array", "maxItems": 20, "items": { "type": "string", "pattern": "^[a-z]+/[a-z0-9.+-]+$" } },
              "maxBytes": { "type": "integer", "minimum": 1, "maximum": 104857600 },
              "evidence": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
              "fim": {{FimSchema}},
              "notes": {{NotesSchema}} } } },
            "codeLists": { "type": "array", "maxItems": 200, "items": { "type": "object", "additionalProperties": false, "required": ["key", "codes"], "properties": {
              "key": { "type": "string", "pattern": "{{KeyPattern}}" },
              "name": { "type": "string", "maxLength": 500 },
              "canonicalUri": { "type": "string", "maxLength": 500 },
              "version": { "type": "string", "maxLength": 64 },
              "codes": { "type": "array", "maxItems": 5000, "items": { "type": "object", "additionalProperties": false, "required": ["code", "label"], "properties": {
                "code": { "type": "string", "minLength": 1, "maxLength": 200 },
                "label": {{TextsSchema}} } } } } } }
          }
        }
        """;
}
