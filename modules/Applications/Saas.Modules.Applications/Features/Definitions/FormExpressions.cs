namespace Saas.Modules.Applications.Features.Definitions;

/// <summary>A field's conditions and computed value, compiled; null where the field has none.</summary>
internal sealed record CompiledField(FormField Field, ExpressionSchema Scope, CompiledExpression? VisibleWhen, CompiledExpression? RequiredWhen,
    CompiledExpression? Computed);

/// <summary>A form with every expression compiled, or the errors that kept some from compiling (each with its spec path).</summary>
internal sealed record CompiledForm(FormDefinition Form, IReadOnlyDictionary<FormField, CompiledField> Fields,
    IReadOnlyList<(string Path, ExpressionError Error)> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The kernel's expression language over a form's own fields (docs/adr/0032, 0021): each field is a variable named by
/// its full path (<c>aufenthalt.zweck</c>) with its declared type (text and select: string, number and decimal: number,
/// date: date, boolean: bool, file: bool — whether the evidence was given; a field of several values: a list). A
/// field inside a repeating group sees the fields outside any repeating group and those of its own entry; nothing
/// else is declared, so an expression naming an unknown or out-of-reach field does not compile.
/// </summary>
internal static class FormExpressions
{
    public static CompiledForm Compile(FormDefinition form, string? yaml = null, Func<string, (int? Line, int? Column)>? locateValue = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<(string, ExpressionError)>();
        var compiled = new Dictionary<FormField, CompiledField>(ReferenceEqualityComparer.Instance);
        var scopes = new Dictionary<FormGroup, ExpressionSchema>(ReferenceEqualityComparer.Instance);
        foreach (var field in form.Fields)
        {
            var repeating = form.RepeatingGroupOf(field);
            var key = repeating ?? NoGroup;
            if (!scopes.TryGetValue(key, out var scope))
            {
                scope = ScopeOf(form, repeating);
                scopes[key] = scope;
            }

            var visible = Compile(field.Path + ".visibleWhen", field.VisibleWhen, ExpressionType.Bool, scope, yaml, locateValue, errors);
            var required = Compile(field.Path + ".requiredWhen", field.RequiredWhen, ExpressionType.Bool, scope, yaml, locateValue, errors);
            var value = field.ValueType is { } type
                ? Compile(field.Path + ".computed", field.Computed, type, scope, yaml, locateValue, errors)
                : null;
            compiled[field] = new CompiledField(field, scope, visible, required, value);
        }

        return new CompiledForm(form, compiled, errors);
    }

    private static readonly FormGroup NoGroup = new("", null, null, FormTexts.Empty, FormTexts.Empty, 1, 1, null, [], "");

    /// <summary>The variables a field in <paramref name="repeating"/> (or outside any repeating group) may read.</summary>
    public static ExpressionSchema ScopeOf(FormDefinition form, FormGroup? repeating)
    {
        var reachable = repeating is null ? [] : form.Chain(repeating).Where(g => g.Repeats).ToHashSet(ReferenceEqualityComparer.Instance);
        var declarations = new List<VariableDeclaration>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            var own = form.RepeatingGroupOf(field);
            if (field.ValueType is { } type && (own is null || reachable.Contains(own)) && IsName(field.FullPath) && names.Add(field.FullPath))
            {
                declarations.Add(new VariableDeclaration(field.FullPath, type));
            }
        }

        return new ExpressionSchema(declarations);
    }

    private static bool IsName(string path) =>
        path.Split('.').All(part => part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_') && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            && part is not ("and" or "or" or "not" or "in" or "if" or "then" or "else" or "true" or "false"));

    private static CompiledExpression? Compile(string path, string? text, ExpressionType expected, ExpressionSchema schema, string? yaml,
        Func<string, (int? Line, int? Column)>? locateValue, List<(string, ExpressionError)> errors)
    {
        if (text is null)
        {
            return null;
        }

        var result = ExpressionCompiler.Compile(Source(text, path, yaml, locateValue), schema, expected);
        errors.AddRange(result.Errors.Select(e => (path, e)));
        return result.Expression;
    }

    private static ExpressionSource Source(string text, string path, string? yaml, Func<string, (int? Line, int? Column)>? locateValue)
    {
        if (yaml is not null && locateValue?.Invoke(path) is ({ } line, { } column))
        {
            try
            {
                return ExpressionSource.InYaml(yaml, line, column, text);
            }
            catch (ArgumentException)
            {
                return ExpressionSource.Plain(text, line, column);
            }
        }

        return ExpressionSource.Plain(text);
    }
}
