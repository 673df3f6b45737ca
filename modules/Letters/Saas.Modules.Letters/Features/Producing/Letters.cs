using Saas.Modules.Letters.Features.Rendering;

namespace Saas.Modules.Letters.Features.Producing;

/// <summary>The letters contract other modules call: the same use cases the API runs.</summary>
internal sealed class Letters(ProduceLetter produce, RenderLetter render) : ILetters
{
    public Task<ProducedLetter> ProduceAsync(LetterRequest request, CancellationToken ct = default) => produce.ExecuteAsync(request, ct);

    public async Task<RenderedLetter> RenderAsync(LetterRequest request, CancellationToken ct = default)
    {
        var letter = await render.ExecuteAsync(request, ct);
        return new RenderedLetter(letter.Definition.Key, letter.Language, letter.Html, letter.Pdf);
    }
}
