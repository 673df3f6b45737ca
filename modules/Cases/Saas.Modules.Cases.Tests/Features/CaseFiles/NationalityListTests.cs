using System.Xml;
using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases.Tests.Features.CaseFiles;

/// <summary>The DESTATIS code list "Staat" as the e-Akte reads it: once, with limits, by ISO-3 code and by the names written before.</summary>
public sealed class NationalityListTests
{
    [Fact]
    public void TheEmbeddedList_HasTheNationalities_ByIso3Code_WithTheirGermanNames()
    {
        var list = NationalityList.Embedded();
        list.All.Count.ShouldBeGreaterThan(190);
        list.Find("SYR")!.Name.ShouldBe("syrisch");
        list.Display("UKR").ShouldBe("ukrainisch (UKR)");
        list.All.Select(n => n.Name).ShouldBeUnique();
        list.All.Select(n => n.Code).ShouldAllBe(c => c.Length == 3);
    }

    [Theory]
    [InlineData("syrisch", "SYR")]
    [InlineData("SY", "SYR")]
    [InlineData("Syrien", "SYR")]
    [InlineData("syr", "SYR")]
    public void AValueWrittenBeforeTheList_IsMappedWhenTheListKnowsIt(string written, string code) =>
        NationalityList.Embedded().Find(written)!.Code.ShouldBe(code);

    [Fact]
    public void AnUnknownValue_IsShownAsWritten() => NationalityList.Embedded().Display("Kurdistan").ShouldBe("Kurdistan");

    [Fact]
    public void AListNestedTooDeep_OrWithADocumentTypeDeclaration_IsRefused()
    {
        var deep = "<a>" + string.Concat(Enumerable.Repeat("<b>", 20)) + string.Concat(Enumerable.Repeat("</b>", 20)) + "</a>";
        Should.Throw<InvalidDataException>(() => new NationalityList(new MemoryStream(Encoding.UTF8.GetBytes(deep))));
        var dtd = "<!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>";
        Should.Throw<XmlException>(() => new NationalityList(new MemoryStream(Encoding.UTF8.GetBytes(dtd))));
        Should.Throw<InvalidDataException>(() => new NationalityList(new MemoryStream("<x/>"u8.ToArray())));
    }
}
