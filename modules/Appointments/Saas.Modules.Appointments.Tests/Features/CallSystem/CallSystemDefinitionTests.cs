namespace Saas.Modules.Appointments.Tests.Features.CallSystem;

/// <summary>
/// The call-system kind's validation (docs/adr/0037), as <c>saas tenants validate</c> and the import run it: Aachen's and
/// Nürnberg's call systems are valid; a letter or zone named twice, a counter in two zones, a service in an unknown
/// zone, an unknown counter or service of the location and a second call system for one location are refused with
/// file, line and column.
/// </summary>
public sealed class CallSystemDefinitionTests
{
    [Theory]
    [InlineData("aachen", "aachen-arkaden")]
    [InlineData("nuernberg", "einwohneramt")]
    public void TheDemoCallSystems_AreValid(string key, string expected)
    {
        var (documents, errors) = TenantFolders.Importer.Value.Validate(Path.Combine(TenantFolders.Tenants, key));
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        documents.Where(d => d.Info.Kind == "call-system").Select(d => d.Info.Key).ShouldBe([expected]);
    }

    [Fact]
    public void RulesWithinOneDocument_AreRefused_AtTheirLines()
    {
        var folder = TenantFolders.Copy("aachen");
        TenantFolders.Edit(folder, "call-systems/aachen-arkaden.yaml", "prefix: N, walkIn: false", "prefix: A, walkIn: false");
        TenantFolders.Edit(folder, "call-systems/aachen-arkaden.yaml", "counters: [s3, kasse]", "counters: [s2, kasse]");
        TenantFolders.Edit(folder, "call-systems/aachen-arkaden.yaml", "zone: wartebereich-b, prefix: K", "zone: wartebereich-c, prefix: K");

        var (_, errors) = TenantFolders.Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "aachen/call-systems/aachen-arkaden.yaml:19:18: $.spec.zones[1].counters[0]: Der Schalter „s2“ ruft schon aus dem Wartebereich „wartebereich-a“ auf: Ein Schalter gehört zu einem Wartebereich.",
            "aachen/call-systems/aachen-arkaden.yaml:22:117: $.spec.services[1].prefix: Der Buchstabe „A“ gehört schon zu „residence-permit“: Zwei Personen bekämen dieselbe Nummer auf der Anzeige.",
            "aachen/call-systems/aachen-arkaden.yaml:24:108: $.spec.services[3].zone: Einen Wartebereich „wartebereich-c“ gibt es in dieser Aufrufanlage nicht. Bekannt: wartebereich-a, wartebereich-b.",
            "aachen/call-systems/aachen-arkaden.yaml:16:7: $.spec.zones[1].key: Im Wartebereich „wartebereich-b“ wartet keine Dienstleistung: Seine Anzeige bliebe leer.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void AnUnknownCounterOrService_AndASecondCallSystemForOneLocation_AreRefused_AtTheirLines()
    {
        var folder = TenantFolders.Copy("aachen");
        TenantFolders.Edit(folder, "call-systems/aachen-arkaden.yaml", "counters: [s1, s2]", "counters: [s1, s9]");
        TenantFolders.Edit(folder, "call-systems/aachen-arkaden.yaml", "service: settlement-permit", "service: naturalisation");
        File.WriteAllText(Path.Combine(folder, "call-systems", "arkaden-zwei.yaml"),
            File.ReadAllText(Path.Combine(folder, "call-systems", "aachen-arkaden.yaml")).Replace("key: aachen-arkaden", "key: arkaden-zwei", StringComparison.Ordinal));

        var (_, errors) = TenantFolders.Importer.Value.Validate(folder);

        errors.Select(e => e.ToString()).ShouldBe([
            "aachen/call-systems/aachen-arkaden.yaml:15:22: $.spec.zones[0].counters[1]: Der Standort „aachen-arkaden“ hat keinen Schalter „s9“. Seine Schalter: anmeldung, kasse, s1, s2, s3, sst-1.",
            "aachen/call-systems/aachen-arkaden.yaml:22:18: $.spec.services[1].service: Der Standort „aachen-arkaden“ bietet die Leistung „naturalisation“ nicht an. Er bietet: card-pickup, provisional-certificate, residence-permit, settlement-permit.",
            "aachen/call-systems/arkaden-zwei.yaml:7:13: $.spec.location: Der Standort „aachen-arkaden“ hat schon eine Aufrufanlage („aachen-arkaden“).",
        ], ignoreOrder: true);
    }
}
