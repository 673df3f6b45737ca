namespace Saas.Modules.Letters.Contracts;

/// <summary>The sender of a letter: the authority as its published profile names it.</summary>
public sealed record LetterSender(string Name, string? Department, string? Street, string? PostalCode, string? City, string? Phone, string? Email, string? Website);

/// <summary>The addressee of a letter: the person of the e-Akte file.</summary>
public sealed record LetterRecipient(string Surname, string GivenNames)
{
    public string FullName => string.IsNullOrWhiteSpace(GivenNames) ? Surname : GivenNames + " " + Surname;
}

/// <summary>
/// What a reviewed letter template sees (docs/adr/0023): the sender, the addressee, the file number and date, the
/// letter's values and its text blocks in the letter's language with their <c>{placeholders}</c> filled in. Everything
/// is plain text, which Razor HTML-encodes when the template writes it; a text block is never compiled or run. Fixed
/// wording of the layout (labels such as "file number") comes from the platform's text files through <see cref="Label"/>.
/// It is public (in the contracts) because the templates are compiled outside the module; only the module makes one.
/// </summary>
public sealed class LetterModel
{
    private readonly IReadOnlyDictionary<string, string> values;
    private readonly IReadOnlyDictionary<string, string> blocks;
    private readonly Func<string, string> labels;

    internal LetterModel(string letter, string language, LetterSender sender, LetterRecipient recipient, string fileNumber, string date,
        IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> blocks, Func<string, string> labels)
    {
        Letter = letter;
        Language = language;
        Sender = sender;
        Recipient = recipient;
        FileNumber = fileNumber;
        Date = date;
        this.values = values;
        this.blocks = blocks;
        this.labels = labels;
    }

    public string Letter { get; }

    /// <summary>The language the letter is written in (<c>lang</c> of the page).</summary>
    public string Language { get; }

    public LetterSender Sender { get; }

    public LetterRecipient Recipient { get; }

    public string FileNumber { get; }

    /// <summary>Today, in the letter's language (<c>2. Dezember 2026</c>, <c>2 December 2026</c>).</summary>
    public string Date { get; }

    /// <summary>The addressee's postal address below their name: the letter's optional <c>address</c> value, one line per line (or per <c>;</c>).</summary>
    public IReadOnlyList<string> AddressLines =>
        Value("address").Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A value by name: one the caller passed, or a standard one (<c>fileNumber</c>, <c>personName</c>, …); empty if an optional one was not given.</summary>
    public string Value(string name) => values.GetValueOrDefault(name) ?? "";

    /// <summary>A text block with its placeholders filled in.</summary>
    public string Text(string name) => blocks.GetValueOrDefault(name) ?? "";

    /// <summary>A text block's paragraphs (separated by an empty line), each with its placeholders filled in.</summary>
    public IReadOnlyList<string> Paragraphs(string name) =>
        Text(name).Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether the letter has a (non-empty) text block of that name in its language.</summary>
    public bool Has(string name) => !string.IsNullOrWhiteSpace(Text(name));

    /// <summary>A fixed text of the layout from the platform's text files, in the letter's language.</summary>
    public string Label(string key) => labels(key);
}
