using Saas.Modules.Organization.Contracts;
using Saas.Platform.Web;

namespace Saas.Modules.Appointments;

/// <summary>
/// Names an authority configured in its documents (German, and English where it wrote one) in the reader's language:
/// the one place this module chooses between a document's <c>name</c> and <c>nameEn</c> (docs/adr/0033 — a name
/// not written in the reader's language shows in German, marked as borrowed on pages).
/// </summary>
internal static class ConfiguredText
{
    public static string Name(string name, string? nameEn) => L.Choose(("de", name), ("en", nameEn));

    public static Microsoft.AspNetCore.Html.IHtmlContent NameHtml(string name, string? nameEn) => L.ChooseTx(("de", name), ("en", nameEn));

    /// <summary>A location's name, or its key when Organization does not know it.</summary>
    public static string LocationName(LocationInfo? place, string key) => place is null ? key : Name(place.Name, place.NameEn);
}
