using System.Text.RegularExpressions;
using Saas.Modules.Cases.Contracts;
using Saas.Modules.Letters.Features.Definitions;
using Saas.Modules.Organization.Contracts;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Letters.Features.Rendering;

/// <summary>A letter rendered for a file: what was used to write it, its HTML and PDF, the file name it is filed under.</summary>
internal sealed record LetterRendering(LetterDefinition Definition, string Language, string Html, byte[] Pdf, string FileName, int Pages);

/// <summary>
/// Renders a published letter for a person's file (docs/adr/0023): checks the caller's values against the declared
/// placeholders (required ones given, no undeclared one), chooses the language (the applicant's if the letter has its
/// text blocks in it, else German), adds the standard values (authority from the published profile, person and file
/// number from the e-Akte, today's date from the clock in the letter's language), fills the text blocks, checks the
/// template file again against the letter (the studio may have changed the letter since the folder was validated),
/// renders it with RazorLight and the HTML with WeasyPrint to PDF/A-2b.
/// </summary>
internal sealed partial class RenderLetter(IMetadataStore metadata, ICaseFileDirectory files, IOrganizationDirectory organization, ICurrentTenant tenant,
    TimeProvider clock, RazorRenderer razor, PdfRenderer pdf, IOptions<LettersOptions> options)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [GeneratedRegex(@"/Type\s*/Page\b")]
    private static partial Regex PageObject();

    [GeneratedRegex("[^A-Za-z0-9-]+")]
    private static partial Regex NotInFileName();

    public async Task<LetterRendering> ExecuteAsync(LetterRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authority = tenant.Tenant ?? throw new InvalidOperationException("Letters are rendered for the current authority.");
        // The file first: another authority's file is not found, whatever else is wrong with the request.
        var file = await files.FindAsync(request.CaseFileId, ct) ?? throw LettersProblems.CaseFileNotFound(request.CaseFileId);
        var document = await metadata.GetPublishedAsync(LetterKind.Name, request.Letter ?? "", ct) ?? throw LettersProblems.LetterNotFound(request.Letter ?? "");
        var letter = LetterDefinition.Read(document.Key, document.Spec);
        var given = request.Values ?? new Dictionary<string, string>();
        if (given.Keys.Where(k => !letter.Placeholders.Any(p => p.Name == k)).Order(StringComparer.Ordinal).FirstOrDefault() is { } undeclared)
        {
            throw LettersProblems.ValueUndeclared(letter.Key, undeclared);
        }

        if (letter.Placeholders.FirstOrDefault(p => p.Required && string.IsNullOrWhiteSpace(given.GetValueOrDefault(p.Name))) is { } missing)
        {
            throw LettersProblems.ValueMissing(letter.Key, missing.Name);
        }

        var language = letter.LanguageFor(request.Language);
        var culture = CultureInfo.GetCultureInfo(language);
        var profile = await organization.GetProfileAsync(ct);
        var sender = new LetterSender(profile?.Name ?? authority.Name, profile?.Department, profile?.Address?.Street, profile?.Address?.PostalCode,
            profile?.Address?.City, profile?.Phone, profile?.Email, profile?.Website);
        var recipient = new LetterRecipient(file.Surname, file.GivenNames);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Berlin).DateTime);
        var date = today.ToString(TextCatalog.Shared.Format(new LocalizedText("letters.letter.date-format"), culture), culture);
        var values = new Dictionary<string, string>(given, StringComparer.Ordinal)
        {
            [StandardValues.Authority] = sender.Name,
            [StandardValues.Department] = sender.Department ?? "",
            [StandardValues.FileNumber] = file.FileNumber,
            [StandardValues.PersonName] = recipient.FullName,
            [StandardValues.Surname] = file.Surname,
            [StandardValues.GivenNames] = file.GivenNames,
            [StandardValues.Date] = date,
        };
        foreach (var placeholder in letter.Placeholders)
        {
            values.TryAdd(placeholder.Name, "");
        }

        var blocks = letter.Texts[language].ToDictionary(b => b.Key, b => LetterKind.Reference().Replace(b.Value, m => values.GetValueOrDefault(m.Groups[1].Value) ?? ""),
            StringComparer.Ordinal);

        var root = options.Value.TenantsPath!;
        var template = LetterTemplates.Find(root, authority.Key, letter.Template) ?? throw LettersProblems.TemplateMissing(letter.Key, letter.Template);
        var errors = LetterTemplates.Check(template, letter).ToList();
        if (errors.Count > 0)
        {
            throw LettersProblems.TemplateInvalid(letter.Key, errors);
        }

        var model = new LetterModel(letter.Key, language, sender, recipient, file.FileNumber, date, values, blocks,
            key => TextCatalog.Shared.Format(new LocalizedText(key), culture));
        var html = await razor.RenderAsync(root, template.Key, model);
        if (System.Text.Encoding.UTF8.GetByteCount(html) > options.Value.MaxHtmlBytes)
        {
            throw LettersProblems.HtmlTooLarge(letter.Key, options.Value.MaxHtmlBytes);
        }

        var folders = new[] { Path.Combine(root, authority.Key, "templates"), Path.Combine(root, LetterTemplates.Platform, "templates") }.Where(Directory.Exists).ToList();
        var bytes = await pdf.RenderAsync(html, folders, letter.Key, ct);
        var pages = PageObject().Matches(System.Text.Encoding.Latin1.GetString(bytes)).Count;
        var fileName = $"{letter.FileName ?? letter.Key}-{NotInFileName().Replace(file.FileNumber, "-").Trim('-')}-{today:yyyy-MM-dd}.pdf";
        return new LetterRendering(letter, language, html, bytes, fileName, pages);
    }
}
