namespace Saas.Platform.Texts;

/// <summary>
/// A text for people, to be written later in the reader's language: a key of the text catalogue
/// (<see cref="TextCatalog"/>) and its named arguments. Problems, links and statuses carry a <see cref="Text"/>,
/// never German and English strings, so that adding a language is adding files (docs/adr/0012).
/// </summary>
public sealed record LocalizedText(string Key, IReadOnlyList<KeyValuePair<string, object?>> Arguments)
{
    public LocalizedText(string key)
        : this(key, [])
    {
    }

    /// <summary>A text with named arguments, e.g. <c>LocalizedText.Of("cases.documents.count", ("count", 3))</c>.</summary>
    public static LocalizedText Of(string key, params (string Name, object? Value)[] arguments) =>
        new(key, arguments.Select(a => new KeyValuePair<string, object?>(a.Name, a.Value)).ToList());

    public override string ToString() => Key;
}
