namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>
/// A process variable's value as JSON (how it is stored and how a caseworker's input arrives): a bool, a number, a
/// text, an ISO date (<c>2027-01-31</c>), a list of texts, an amount (<c>{"amount": 96, "currency": "EUR"}</c>).
/// </summary>
internal static class VariableValues
{
    public const int MaxText = 2_000;

    /// <summary>The input in its stored form, or null when it is not a value of the declared type.</summary>
    public static JsonNode? Normalise(ExpressionType type, JsonNode? input)
    {
        try
        {
            return type.Kind switch
            {
                TypeKind.Bool when input is JsonValue v && v.TryGetValue<bool>(out var b) => JsonValue.Create(b),
                TypeKind.Number when input is JsonValue v && v.TryGetValue<decimal>(out var n) => JsonValue.Create(n),
                TypeKind.String when input is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length is > 0 and <= MaxText => JsonValue.Create(s.Trim()),
                TypeKind.Date when input is JsonValue v && v.TryGetValue<string>(out var d)
                    && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                TypeKind.List when type.Element?.Kind == TypeKind.String && input is JsonArray a && a.Count <= 100
                    && a.All(e => e is JsonValue ev && ev.TryGetValue<string>(out var es) && es.Length <= MaxText) => new JsonArray([.. a.Select(e => JsonValue.Create(e!.GetValue<string>()))]),
                TypeKind.Money when input is JsonObject o && o["amount"] is JsonValue am && am.TryGetValue<decimal>(out var amount)
                    && (o["currency"]?.GetValue<string>() ?? "EUR") == type.Currency => new JsonObject { ["amount"] = amount, ["currency"] = type.Currency },
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            return null; // a JSON value of another kind than asked
        }
    }

    public static void Set(ExpressionValues values, VariableDeclaration declaration, JsonNode stored)
    {
        if (Normalise(declaration.Type, stored) is not { } value)
        {
            return; // stored under another type by an earlier version: the variable counts as unset
        }

        switch (declaration.Type.Kind)
        {
            case TypeKind.Bool: values.Set(declaration.Name, value.GetValue<bool>()); break;
            case TypeKind.Number: values.Set(declaration.Name, value.GetValue<decimal>()); break;
            case TypeKind.String: values.Set(declaration.Name, value.GetValue<string>()); break;
            case TypeKind.Date: values.Set(declaration.Name, DateOnly.ParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TypeKind.List: values.Set(declaration.Name, value.AsArray().Select(e => e!.GetValue<string>()).ToList()); break;
            case TypeKind.Money: values.Set(declaration.Name, new Money(value["amount"]!.GetValue<decimal>(), declaration.Type.Currency!)); break;
            default: break;
        }
    }

    /// <summary>A result of an expression as a letter's placeholder shows it: dates as 31.01.2027 (German) or 31 January 2027 (English).</summary>
    public static string Format(ExpressionResult result, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language == "de" ? "de-DE" : "en-GB");
        return result.Boxed switch
        {
            DateOnly date => date.ToString(language == "de" ? "dd.MM.yyyy" : "d MMMM yyyy", culture),
            decimal number => number.ToString("G", culture),
            Money money => money.ToString(null, culture),
            IEnumerable<string> list => string.Join(", ", list),
            Duration duration => TextCatalog.Shared.Format(duration.Describe(), culture),
            { } other => Convert.ToString(other, culture) ?? "",
            null => "",
        };
    }
}
