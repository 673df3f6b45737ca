namespace Saas.Modules.Appointments.Tests.Features.Definitions;

/// <summary>
/// The appointment-type kind's validation (docs/adr/0028), as <c>saas tenants validate</c> and the import run it: the
/// four authorities' appointment types are valid with their locations and services; impossible rules (notice beyond the
/// horizon, contingents that leave no seat online), an unknown location or service and two types for the same location
/// and service are refused with file, line and column.
/// </summary>
public sealed class AppointmentTypeDefinitionTests
{
    [Theory]
    [InlineData("aachen", new[] { "kartenabholung-arkaden", "verlaengerung-arkaden", "verlaengerung-hacklaender", "verlaengerung-rwth", "videosprechstunde" })]
    [InlineData("rhein-sieg-kreis", new[] { "fiktionsbescheinigung", "verlaengerung" })]
    [InlineData("wiesbaden", new[] { "fiktionsbescheinigung", "verlaengerung" })]
    [InlineData("nuernberg", new[] { "niederlassungserlaubnis", "verlaengerung" })]
    public void EveryDemoAuthority_HasItsAppointmentTypes_Valid(string key, string[] expected)
    {
        var (documents, errors) = TenantFolders.Importer.Value.Validate(Path.Combine(TenantFolders.Tenants, key));
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        documents.Where(d => d.Info.Kind == "appointment-type").Select(d => d.Info.Key).Order(StringComparer.Ordinal).ShouldBe(expected);
    }

    [Fact]
    public void ImpossibleRules_AreRefused_AtTheirLines()
    {
        var folder = TenantFolders.Copy("nuernberg");
        TenantFolders.Edit(folder, "appointment-types/verlaengerung.yaml", "  minimumNoticeHours: 24", "  minimumNoticeHours: 2160");
        TenantFolders.Edit(folder, "appointment-types/verlaengerung.yaml", "    urgent: 0.15", "    urgent: 0.75");

        var (_, errors) = TenantFolders.Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "nuernberg/appointment-types/verlaengerung.yaml:12:3: $.spec.minimumNoticeHours: Die Mindestvorlaufzeit von 2160 Stunden reicht über den Buchungshorizont von 90 Tagen hinaus: Es ließe sich nie etwas buchen.",
            "nuernberg/appointment-types/verlaengerung.yaml:16:3: $.spec.contingents: Die Kontingente reservieren 4 von 4 Plätzen je Termin: Online bliebe keiner zu buchen.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void AnUnknownLocationOrService_AndTwoTypesForTheSameSlots_AreRefused_AtTheirLines()
    {
        var folder = TenantFolders.Copy("aachen");
        TenantFolders.Edit(folder, "appointment-types/verlaengerung-rwth.yaml", "  location: rwth", "  location: rwth-campus");
        TenantFolders.Edit(folder, "appointment-types/kartenabholung-arkaden.yaml", "  location: aachen-arkaden", "  location: rwth");
        TenantFolders.Edit(folder, "appointment-types/verlaengerung-hacklaender.yaml", "  location: hacklaenderstrasse", "  location: aachen-arkaden");

        var (_, errors) = TenantFolders.Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "aachen/appointment-types/kartenabholung-arkaden.yaml:8:12: $.spec.service: Der Standort „rwth“ bietet die Leistung „card-pickup“ nicht an. Er bietet: provisional-certificate, residence-permit.",
            "aachen/appointment-types/verlaengerung-hacklaender.yaml:8:12: $.spec.service: Die Terminart „verlaengerung-arkaden“ deckt die Leistung „residence-permit“ am Standort „aachen-arkaden“ schon ab: zwei Regelwerke für dieselben Termine.",
            "aachen/appointment-types/verlaengerung-rwth.yaml:7:13: $.spec.location: Diese Behörde hat keinen Standort „rwth-campus“. Bekannt: aachen-arkaden, hacklaenderstrasse, rwth.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void AVideoTypesUnknownDocumentType_IsRefused_AtItsLine()
    {
        var folder = TenantFolders.Copy("aachen");
        TenantFolders.Edit(folder, "appointment-types/videosprechstunde.yaml", "    documentType: sonstiges", "    documentType: videoaufzeichnung");

        var (_, errors) = TenantFolders.Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldHaveSingleItem().ShouldStartWith(
            "aachen/appointment-types/videosprechstunde.yaml:18:19: $.spec.video.documentType: Eine Dokumentart „videoaufzeichnung“ gibt es nicht. Vorhanden: anhoerung, antrag,");
    }
}
