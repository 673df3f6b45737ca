using System.Xml.Linq;
using Saas.Modules.Cases.Features.Transfer;
using Saas.Modules.Cases.Features.Transfer.Xdomea;
using Saas.Platform.Errors;

namespace Saas.Modules.Cases.Tests.Features.Transfer;

/// <summary>
/// Hardening item 10, without a host: every xdomea message the hand-over writes (0401, 0402, 0403) against the
/// official xdomea 3.0.0 schemas from ../shared/fixtures/xdomea, through System.Xml and through libxml2's xmllint;
/// the module's embedded schemas are the published ones byte for byte.
/// </summary>
public sealed class XdomeaMessagesTests
{
    private static readonly XNamespace X = "urn:xoev-de:xdomea:schema:3.0.0";

    [Fact]
    public async Task HardeningItem10_TheAbgabe0401Written_ConformsToTheOfficialSchema()
    {
        var xml = await BytesAsync(TransferPackageUnitTests.SampleManifest());
        OfficialXdomea.ShouldBeValid(xml, "Abgabe.Abgabe.0401");
        XDocument.Load(new MemoryStream(xml)).Root!.Name.ShouldBe(X + "Abgabe.Abgabe.0401");
    }

    [Fact]
    public async Task HardeningItem10_AMinimalAbgabe0401_NoProceduresNoDocumentsNoBirthDate_ConformsToo()
    {
        var manifest = new TransferManifest(
            new ManifestHeader(Guid.NewGuid(), DateTimeOffset.UtcNow, "aachen", "Stadt Aachen", null, "Landratsamt außerhalb", null, WantsReceipt: true),
            Guid.NewGuid(), "A-1", new ManifestPerson("Muster", "", null, [], [], null), [], []);
        OfficialXdomea.ShouldBeValid(await BytesAsync(manifest), "a minimal Abgabe.Abgabe.0401");
    }

    [Fact]
    public void HardeningItem10_TheConfirmations0402And0403Written_ConformToTheOfficialSchema()
    {
        var self = new XdomeaParty("koeln", "Stadt Köln");
        var sender = new XdomeaParty(null, "Landkreis außerhalb");
        var import = new TransferConfirmation(TransferConfirmation.Import, Guid.NewGuid(), DateTimeOffset.UtcNow, self, sender,
            [new ConfirmedObject(Guid.NewGuid(), true, []), new ConfirmedObject(Guid.NewGuid(), false, ["Dokument fehlt"])]);
        var receipt = new TransferConfirmation(TransferConfirmation.Receipt, Guid.NewGuid(), DateTimeOffset.UtcNow, self, sender, []);
        OfficialXdomea.ShouldBeValid(Encoding.UTF8.GetBytes(import.ToText()), "Abgabe.ImportBestaetigen.0402");
        OfficialXdomea.ShouldBeValid(Encoding.UTF8.GetBytes(receipt.ToText()), "Abgabe.EmpfangBestaetigen.0403");
    }

    [Fact]
    public async Task HardeningItem10_Xmllint_AnIndependentValidator_AcceptsEveryMessageWritten_AndRefusesTheOldFormat()
    {
        var folder = Directory.CreateTempSubdirectory("saas-xdomea-");
        try
        {
            var self = new XdomeaParty("koeln", "Stadt Köln");
            var other = new XdomeaParty("aachen", "Stadt Aachen");
            var abgabe = Path.Combine(folder.FullName, "abgabe.xml");
            var import = Path.Combine(folder.FullName, "import.xml");
            var receipt = Path.Combine(folder.FullName, "receipt.xml");
            await File.WriteAllBytesAsync(abgabe, await BytesAsync(TransferPackageUnitTests.SampleManifest()));
            await File.WriteAllTextAsync(import, new TransferConfirmation(TransferConfirmation.Import, Guid.NewGuid(), DateTimeOffset.UtcNow, self, other,
                [new ConfirmedObject(Guid.NewGuid(), true, [])]).ToText());
            await File.WriteAllTextAsync(receipt, new TransferConfirmation(TransferConfirmation.Receipt, Guid.NewGuid(), DateTimeOffset.UtcNow, self, other, []).ToText());
            var (exit, output) = await OfficialXdomea.XmllintAsync(abgabe, import, receipt);
            exit.ShouldBe(0, output);
            output.ShouldContain("abgabe.xml validates");
            output.ShouldContain("import.xml validates");
            output.ShouldContain("receipt.xml validates");

            // The package's message before this change: its own namespace, refused at the first element.
            var old = Path.Combine(folder.FullName, "old.xml");
            await File.WriteAllTextAsync(old, "<Abgabe xmlns=\"urn:saas:xdomea-style:1\" Version=\"1\"><Nachrichtenkopf/></Abgabe>");
            (await OfficialXdomea.XmllintAsync(old)).Exit.ShouldNotBe(0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheEmbeddedSchemas_AreThePublishedOnes_ByteForByte()
    {
        var embedded = typeof(CasesModule).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("xdomea/", StringComparison.Ordinal)).Order().ToList();
        embedded.ShouldBe(new[]
        {
            "xdomea/xdomea_3.0.0/xdomea-Baukasten.xsd", "xdomea/xdomea_3.0.0/xdomea-Datentypen.xsd", "xdomea/xdomea_3.0.0/xdomea-Nachrichten-AbgabeDurchfuehren.xsd",
            "xdomea/xdomea_3.0.0/xdomea-Typen-AbgabeDurchfuehren.xsd", "xdomea/xoev/code/1_0/xoev-code.xsd",
        }.Order());
        foreach (var name in embedded)
        {
            using var stream = typeof(CasesModule).Assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.ToArray().ShouldBe(File.ReadAllBytes(Path.Combine(OfficialXdomea.Schemes, name["xdomea/".Length..])), name);
        }
    }

    [Fact]
    public async Task AConfirmation_ReadsBackAsItWasWritten_AndAnAbgabeIsNoConfirmation()
    {
        var written = new TransferConfirmation(TransferConfirmation.Import, Guid.NewGuid(), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            new XdomeaParty("koeln", "Stadt Köln"), new XdomeaParty(null, "Landkreis"), [new ConfirmedObject(Guid.NewGuid(), false, ["kaputt"])]);
        var read = await TransferConfirmation.ParseAsync(written.ToText(), "c.xml", default);
        read.MessageType.ShouldBe("0402");
        read.ProcessId.ShouldBe(written.ProcessId);
        read.CreatedAt.ShouldBe(written.CreatedAt);
        read.Sender.ShouldBe(written.Sender);
        read.Receiver.ShouldBe(written.Receiver);
        read.Objects.ShouldHaveSingleItem().Errors.ShouldBe(["kaputt"]);

        var abgabe = await BytesAsync(TransferPackageUnitTests.SampleManifest());
        var ex = await Should.ThrowAsync<SaasProblemException>(() => TransferConfirmation.ParseAsync(new MemoryStream(abgabe), "c.xml", default));
        ex.Code.ShouldBe("xdomea-invalid");
        ex.Detail!.ShouldContain("Abgabe.ImportBestaetigen.0402");
    }

    [Fact]
    public async Task AMessageThatBreaksTheSchemaDeepInside_IsRefusedWithItsLineAndPosition()
    {
        // A valid message with its Kopf's Erstellungszeitpunkt turned into no point in time.
        var text = Encoding.UTF8.GetString(await BytesAsync(TransferPackageUnitTests.SampleManifest()));
        var lines = text.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("<xdomea:Erstellungszeitpunkt>", StringComparison.Ordinal));
        lines[line] = lines[line].Replace("2026-05-04T", "gestern ", StringComparison.Ordinal);
        var ex = await Should.ThrowAsync<SaasProblemException>(() =>
            TransferManifest.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), "m.xml", 1_000_000, default));
        ex.Status.ShouldBe(400);
        ex.Code.ShouldBe("xdomea-invalid");
        ex.Detail!.ShouldContain($"m.xml, line {line + 1}, position");
        ex.Detail!.ShouldContain("Erstellungszeitpunkt");
    }

    private static async Task<byte[]> BytesAsync(TransferManifest manifest)
    {
        using var stream = new MemoryStream();
        await manifest.WriteAsync(stream, default);
        return stream.ToArray();
    }
}
