using System.Globalization;
using System.Text.RegularExpressions;
using Saas.Platform.Texts;

namespace Saas.Host.Tests.Texts;

/// <summary>
/// The text catalogue (docs/adr/0012): German and English complete, every key the code names exists, plurals and
/// the fallback chain as documented.
/// </summary>
public sealed partial class TextCatalogTests
{
    private static readonly TextCatalog Catalog = TextCatalog.Load(
        HostModules.All.Select(m => m.GetType().Assembly).Append(typeof(HostModules).Assembly).Append(typeof(TextCatalog).Assembly));

    [Fact]
    public void GermanAndEnglish_HaveTheSameKeys()
    {
        var german = Catalog.Keys("de").ToHashSet(StringComparer.Ordinal);
        var english = Catalog.Keys("en").ToHashSet(StringComparer.Ordinal);
        german.Count.ShouldBeGreaterThan(400);
        german.Except(english).OrderBy(k => k, StringComparer.Ordinal).ShouldBeEmpty("keys with German but no English text");
        english.Except(german).OrderBy(k => k, StringComparer.Ordinal).ShouldBeEmpty("keys with English but no German text");
    }

    [Fact]
    public void EveryKeyTheCodeNames_HasAGermanAndAnEnglishText()
    {
        var missing = new List<string>();
        foreach (var file in SourceFiles())
        {
            // Comments may show examples; code is what counts.
            var source = string.Join('\n', File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            foreach (Match match in KeyUse().Matches(source))
            {
                var key = match.Groups["key"].Value;
                if (key.EndsWith('.'))
                {
                    continue; // a prefix completed at run time (e.g. "cases.legacy.box-status." + status), checked below
                }

                foreach (var language in new[] { "de", "en" })
                {
                    if (!Catalog.Has(language, key))
                    {
                        missing.Add($"{Path.GetRelativePath(SaasAppFactory.RepositoryRoot, file)}: {key} ({language})");
                    }
                }
            }

            foreach (Match match in ProblemUse().Matches(source))
            {
                var key = "problem." + match.Groups["code"].Value;
                if (!Catalog.Has("de", key) || !Catalog.Has("en", key))
                {
                    missing.Add($"{Path.GetRelativePath(SaasAppFactory.RepositoryRoot, file)}: {key}");
                }
            }
        }

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void NoInlineGermanEnglishPairs_RemainInTheCode()
    {
        var offenders = SourceFiles().Where(f => InlinePair().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(SaasAppFactory.RepositoryRoot, f)).ToList();
        offenders.ShouldBeEmpty("texts live in *.texts.{language}.json, not in code");
    }

    [Theory]
    [InlineData("de", 1, "one")]
    [InlineData("de", 0, "other")]
    [InlineData("de", 2, "other")]
    [InlineData("ar", 0, "zero")]
    [InlineData("ar", 2, "two")]
    [InlineData("ar", 105, "few")]
    [InlineData("ar", 11, "many")]
    [InlineData("uk", 21, "one")]
    [InlineData("uk", 22, "few")]
    [InlineData("uk", 25, "many")]
    [InlineData("uk", 12, "many")]
    public void PluralCategories_FollowCldr(string language, long count, string category) =>
        PluralRules.Category(language, count).ShouldBe(category);

    [Fact]
    public void FallbackChain_IsTheCultureItsParentsItsFallbacksAndGerman()
    {
        Catalog.Chain(CultureInfo.GetCultureInfo("ar-EG")).ShouldBe(["ar", "en", "de"]);
        Catalog.Chain(CultureInfo.GetCultureInfo("en-GB")).ShouldBe(["en", "de"]);
        Catalog.Chain(CultureInfo.GetCultureInfo("pt-BR")).ShouldBe(["de"]);
        Catalog.Chain(CultureInfo.InvariantCulture).ShouldBe(["de"]);
    }

    [Fact]
    public void AMissingText_FallsBackAlongTheChain_AndPlaceholdersAndPluralsAreFilled()
    {
        // Arabic has the portal's texts, not the workbench's: those come in English, the Arabic chain's next language.
        Catalog.Format(new LocalizedText("host.start.opening-hours"), CultureInfo.GetCultureInfo("ar")).ShouldBe("ساعات العمل");
        Catalog.Format(new LocalizedText("host.staff.work-areas"), CultureInfo.GetCultureInfo("ar")).ShouldBe("Work areas");
        Catalog.Format(LocalizedText.Of("problem.wrong-box-status", ("from", new LocalizedText("cases.legacy.box-status.sent")), ("to", new LocalizedText("cases.legacy.box-status.accepted"))),
            CultureInfo.GetCultureInfo("de")).ShouldBe("Der Karton ist beim Scandienstleister; „abgenommen“ ist von dort aus nicht möglich.");
        Catalog.Format(new LocalizedText("no.such.key"), CultureInfo.GetCultureInfo("en")).ShouldBe("no.such.key");
    }

    [Theory]
    [InlineData("de", 1, "1 Akte gefunden")]
    [InlineData("de", 2, "2 Akten gefunden")]
    [InlineData("en", 1, "1 file found")]
    [InlineData("en", 7, "7 files found")]
    public void ACountedText_TakesTheFormOfItsNumber(string language, int count, string expected) =>
        Catalog.Format(LocalizedText.Of("cases.workbench.count-files-found", ("count", count)), CultureInfo.GetCultureInfo(language)).ShouldBe(expected);

    /// <summary>A text that puts {count} before a noun has its forms by number, or "1 Akten" is what a caseworker reads.</summary>
    [Fact]
    public void EveryTextThatCountsANoun_HasPluralForms()
    {
        var offenders = new List<string>();
        foreach (var language in new[] { "de", "en" })
        {
            foreach (var key in Catalog.Keys(language))
            {
                var one = Catalog.Format(LocalizedText.Of(key, ("count", 1)), CultureInfo.GetCultureInfo(language));
                var many = Catalog.Format(LocalizedText.Of(key, ("count", 2)), CultureInfo.GetCultureInfo(language));
                if (many.Contains("2 ", StringComparison.Ordinal) && one == many.Replace("2 ", "1 ", StringComparison.Ordinal) && CountsANoun().IsMatch(many))
                {
                    offenders.Add($"{language}: {key}");
                }
            }
        }

        offenders.ShouldBeEmpty();
    }

    [GeneratedRegex(@"\b2 (Akten|Dokumente|Seiten|Kartons|Stapel|Einträge|Dateien|Vorgänge|files|documents|pages|boxes|batches|entries|hits|cases|items)\b")]
    private static partial Regex CountsANoun();

    [Fact]
    public void Arabic_IsWrittenRightToLeft_AndNamesItself()
    {
        var arabic = Catalog.Languages.Single(l => l.Tag == "ar");
        arabic.RightToLeft.ShouldBeTrue();
        arabic.Name.ShouldBe("العربية");
        Catalog.Languages.Select(l => l.Tag).Take(3).ShouldBe(["de", "de-simple", "en"]);
    }

    private static IEnumerable<string> SourceFiles()
    {
        foreach (var folder in new[] { "src", "modules" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SaasAppFactory.RepositoryRoot, folder), "*.*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(SaasAppFactory.RepositoryRoot, file).Replace('\\', '/');
                if ((file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".cshtml", StringComparison.Ordinal))
                    && !relative.Contains("/obj/", StringComparison.Ordinal) && !relative.Contains("/bin/", StringComparison.Ordinal)
                    && !relative.Contains(".Tests/", StringComparison.Ordinal))
                {
                    yield return file;
                }
            }
        }
    }

    [GeneratedRegex("""(?:\bL\.Tx?|\bL|new LocalizedText|LocalizedText\.Of|L\.T)\(\s*"(?<key>[a-z0-9][a-z0-9.-]*)"(?=[,)])""")]
    private static partial Regex KeyUse();

    [GeneratedRegex("""\bProblem\.(?:BadRequest|NotFound|Conflict|Unprocessable|TooLarge|Title)\(\s*"(?<code>[a-z0-9-]+)"|\b(?:Invalid|Refused|Unprocessable)\(\s*"(?<code>[a-z0-9-]+)"(?=[,)])""")]
    private static partial Regex ProblemUse();

    /// <summary>The old mechanism: a German and an English literal side by side in one call.</summary>
    [GeneratedRegex("""(?:\bL\.T|Problems\.Text|\bL)\(\s*\$?"[^"]*",\s*\$?"[^"]*"\s*\)""")]
    private static partial Regex InlinePair();
}
