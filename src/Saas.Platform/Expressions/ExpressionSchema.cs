using System.Collections.Frozen;

namespace Saas.Platform.Expressions;

/// <summary>A declared variable: its dotted name (<c>case.legalBasis</c>), its type and, optionally, what people call it.</summary>
/// <param name="Label">
/// How an explanation names the variable (e.g. <c>platform.expressions.subject.evidence</c>: "evidence" / "Nachweis",
/// so that <c>contains(documents, "arbeitsvertrag")</c> explains itself as "evidence "arbeitsvertrag" missing");
/// without one the explanation uses the name.
/// </param>
public sealed record VariableDeclaration(string Name, ExpressionType Type, LocalizedText? Label = null);

/// <summary>
/// The variables an expression may read, with their types: case, person and form data as the caller declares
/// them. An expression that names anything else does not compile.
/// </summary>
public sealed class ExpressionSchema
{
    private readonly FrozenDictionary<string, int> slots;

    public ExpressionSchema(IEnumerable<VariableDeclaration> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        Variables = variables.ToList();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Variables.Count; i++)
        {
            var name = Variables[i].Name;
            if (!IsName(name))
            {
                throw new ArgumentException($"'{name}' is not a variable name (identifiers separated by dots).", nameof(variables));
            }

            if (!byName.TryAdd(name, i))
            {
                throw new ArgumentException($"Variable '{name}' is declared twice.", nameof(variables));
            }
        }

        slots = byName.ToFrozenDictionary(StringComparer.Ordinal);
        Kinds = Variables.Select(v => v.Type.Kind).ToArray();
        Elements = Variables.Select(v => v.Type.Element?.Kind ?? TypeKind.Error).ToArray();
        Currencies = Variables.Select(v => v.Type.Currency ?? v.Type.Element?.Currency).ToArray();
    }

    // The declared types by slot, flat, for binding values without walking the type records.
    internal TypeKind[] Kinds { get; }

    internal TypeKind[] Elements { get; }

    internal string?[] Currencies { get; }

    public IReadOnlyList<VariableDeclaration> Variables { get; }

    /// <summary>A schema from <c>name: type</c> pairs as a definition writes them (<c>"case.legalBasis": "string"</c>).</summary>
    public static ExpressionSchema Parse(IEnumerable<KeyValuePair<string, string>> declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        return new ExpressionSchema(declarations.Select(d => new VariableDeclaration(d.Key,
            ExpressionType.TryParse(d.Value, out var type) ? type : throw new ArgumentException($"'{d.Value}' is not a type.", nameof(declarations)))));
    }

    internal bool TryFind(string name, out int slot) => slots.TryGetValue(name, out slot);

    /// <summary>An empty set of values for this schema, to be filled for each evaluation.</summary>
    public ExpressionValues NewValues() => new(this);

    private static bool IsName(string name) =>
        name.Split('.').All(part => part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_') && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        && !Lexer.IsKeyword(name.Split('.')[0]);
}

/// <summary>
/// The values of a schema's variables for one evaluation, by name or, faster, by the slot <see cref="SlotOf"/> gives.
/// A value of another type than declared is refused (the caller's bug, not the expression's).
/// </summary>
public sealed class ExpressionValues
{
    private readonly ExpressionValue[] values;
    private readonly bool[] set;

    internal ExpressionValues(ExpressionSchema schema)
    {
        Schema = schema;
        values = new ExpressionValue[schema.Variables.Count];
        set = new bool[schema.Variables.Count];
    }

    public ExpressionSchema Schema { get; }

    public int SlotOf(string name) => Schema.TryFind(name, out var slot) ? slot : throw new ArgumentException($"Variable '{name}' is not declared.", nameof(name));

    public ExpressionValues Set(string name, bool value) => Put(SlotOf(name), TypeKind.Bool, ExpressionValue.FromBool(value));

    public ExpressionValues Set(string name, decimal value) => Put(SlotOf(name), TypeKind.Number, ExpressionValue.FromNumber(value));

    public ExpressionValues Set(string name, string value) => Put(SlotOf(name), TypeKind.String, ExpressionValue.FromString(value));

    public ExpressionValues Set(string name, DateOnly value) => Put(SlotOf(name), TypeKind.Date, ExpressionValue.FromDate(value));

    public ExpressionValues Set(string name, Duration value) => Put(SlotOf(name), TypeKind.Duration, ExpressionValue.FromDuration(value));

    public ExpressionValues Set(string name, Money value) => Set(SlotOf(name), value);

    public ExpressionValues Set(string name, IReadOnlyList<string> value) => PutList(SlotOf(name), TypeKind.String, value);

    public ExpressionValues Set(string name, IReadOnlyList<decimal> value) => PutList(SlotOf(name), TypeKind.Number, value);

    public ExpressionValues Set(string name, IReadOnlyList<DateOnly> value) => PutList(SlotOf(name), TypeKind.Date, value);

    public ExpressionValues Set(string name, IReadOnlyList<Money> value) => PutList(SlotOf(name), TypeKind.Money, value);

    public ExpressionValues Set(int slot, string value) => Put(slot, TypeKind.String, ExpressionValue.FromString(value));

    public ExpressionValues Set(int slot, DateOnly value) => Put(slot, TypeKind.Date, ExpressionValue.FromDate(value));

    public ExpressionValues Set(int slot, decimal value) => Put(slot, TypeKind.Number, ExpressionValue.FromNumber(value));

    public ExpressionValues Set(int slot, IReadOnlyList<string> value) => PutList(slot, TypeKind.String, value);

    public ExpressionValues Set(int slot, Money value)
    {
        if (Schema.Kinds[slot] == TypeKind.Money && !string.Equals(Schema.Currencies[slot], value.Currency, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Variable '{Schema.Variables[slot].Name}' is {Schema.Variables[slot].Type}, not an amount in {value.Currency}.", nameof(value));
        }

        return Put(slot, TypeKind.Money, ExpressionValue.FromMoney(value));
    }

    /// <summary>Forgets every value (to fill the same object again for the next case).</summary>
    public void Clear() => Array.Clear(set);

    internal bool TryGet(int slot, out ExpressionValue value)
    {
        value = values[slot];
        return set[slot];
    }

    private ExpressionValues PutList<T>(int slot, TypeKind element, IReadOnlyList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (Schema.Kinds[slot] != TypeKind.List || Schema.Elements[slot] != element
            || element == TypeKind.Money && list is IReadOnlyList<Money> amounts && amounts.Any(m => !string.Equals(m.Currency, Schema.Currencies[slot], StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Variable '{Schema.Variables[slot].Name}' is {Schema.Variables[slot].Type}.", nameof(list));
        }

        values[slot] = ExpressionValue.FromList(list);
        set[slot] = true;
        return this;
    }

    private ExpressionValues Put(int slot, TypeKind kind, ExpressionValue value)
    {
        if (Schema.Kinds[slot] != kind)
        {
            throw new ArgumentException($"Variable '{Schema.Variables[slot].Name}' is {Schema.Variables[slot].Type}, not {kind.ToString().ToLowerInvariant()}.");
        }

        values[slot] = value;
        set[slot] = true;
        return this;
    }
}
