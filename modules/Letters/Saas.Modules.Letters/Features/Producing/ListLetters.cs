using Saas.Modules.Letters.Features.Definitions;

namespace Saas.Modules.Letters.Features.Producing;

/// <summary>A declared placeholder as the studio's preview and callers see it, labelled in the reader's language.</summary>
internal sealed record LetterPlaceholderView(string Name, string Label, bool Required);

/// <summary>A published letter: its key, document type, the languages of its text blocks and its placeholders.</summary>
internal sealed record LetterView(string Key, string DocumentType, string Template, IReadOnlyList<string> Languages, IReadOnlyList<LetterPlaceholderView> Placeholders);

/// <summary>The authority's published letters, by key.</summary>
internal sealed class ListLetters(IMetadataStore metadata, ITexts texts)
{
    public async Task<IReadOnlyList<LetterView>> ExecuteAsync(CancellationToken ct)
    {
        var english = texts.Current.Tag == "en";
        return [.. (await metadata.GetPublishedAsync(LetterKind.Name, ct)).Select(d => LetterDefinition.Read(d.Key, d.Spec)).Select(l => new LetterView(
            l.Key, l.DocumentType, l.Template, [.. l.Texts.Keys.Order(StringComparer.Ordinal)],
            [.. l.Placeholders.Select(p => new LetterPlaceholderView(p.Name, english && p.LabelEn is { } en ? en : p.Label, p.Required))]))];
    }
}
