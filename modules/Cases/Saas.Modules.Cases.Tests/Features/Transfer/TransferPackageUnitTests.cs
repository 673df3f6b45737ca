using System.Buffers.Binary;
using Saas.Modules.Cases.Features.Transfer;
using Saas.Platform.Errors;

namespace Saas.Modules.Cases.Tests.Features.Transfer;

/// <summary>The package's guards on their own, without a host: what the HTTP tests cannot reach directly.</summary>
public sealed class TransferPackageUnitTests
{
    private static readonly TransferLimits Limits = new(MaxEntries: 10, MaxBytes: 1024 * 1024);

    [Fact]
    public async Task AManifest_ReadsBackAsItWasWritten()
    {
        var manifest = SampleManifest();
        using var stream = new MemoryStream();
        await manifest.WriteAsync(stream, default);
        stream.Position = 0;
        var read = await TransferManifest.ParseAsync(stream, "message.xml", 1_000_000, default);
        read.Header.ShouldBe(manifest.Header);
        read.FileId.ShouldBe(manifest.FileId);
        read.FileNumber.ShouldBe(manifest.FileNumber);
        read.Person.Surname.ShouldBe("Şahin");
        read.Person.Nationalities.ShouldBe(["TUR", "DEU"]);
        read.Person.NameVariants.ShouldBe(["Sahin", "Schahin"]);
        read.Person.BirthDate.ShouldBe(new DateOnly(1988, 12, 31));
        read.Cases.ShouldBe(manifest.Cases);
        // xdomea nests documents in their Vorgang, so they come back grouped: the order of the list is not kept.
        read.Documents.OrderBy(d => d.Id).ShouldBe(manifest.Documents.OrderBy(d => d.Id));
    }

    internal static TransferManifest SampleManifest()
    {
        var procedure = Guid.NewGuid();
        var pass = Guid.NewGuid();
        var registration = Guid.NewGuid();
        return new TransferManifest(
            new ManifestHeader(Guid.NewGuid(), new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero), "aachen", "Stadt Aachen", "koeln", "Stadt Köln", "Umzug <nach> Köln & mehr"),
            Guid.NewGuid(),
            "2026-0001",
            new ManifestPerson("Şahin", "Ayşe Nur", new DateOnly(1988, 12, 31), ["TUR", "DEU"], ["Sahin", "Schahin"], "AZR-1"),
            [new ManifestCase(procedure, "aufenthaltserlaubnis", "Verlängerung", "closed", "erteilt", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.Zero))],
            [
                new ManifestDocument(pass, "pass", "Pass", "scan", "image/png", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), true, new string('a', 64), 42,
                    TransferManifest.DocumentEntry(pass, "image/png"), procedure),
                new ManifestDocument(registration, "meldebescheinigung", "Meldebescheinigung", "upload", "application/pdf", new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero),
                    false, new string('b', 64), 43, TransferManifest.DocumentEntry(registration, "application/pdf"), null),
            ]);
    }

    [Theory]
    [InlineData("<Abgabe xmlns=\"urn:saas:xdomea-style:1\" Version=\"1\"/>", "line 1, position 2", "the root element is {urn:saas:xdomea-style:1}Abgabe")]
    [InlineData("<x:Abgabe.Abgabe.0401 xmlns:x=\"urn:xoev-de:xdomea:schema:3.0.0\">\n  <x:Schriftgutobjekt/>\n</x:Abgabe.Abgabe.0401>", "line 2, position 4", "Schriftgutobjekt")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><x>&e;</x>", "message.xml, line", "DTD")]
    [InlineData("not xml", "line 1, position 1", "message.xml")]
    public async Task HardeningItem10_AnInvalidMessage_IsA400NamingLineAndPosition(string xml, string place, string expected)
    {
        var ex = await Should.ThrowAsync<SaasProblemException>(() => TransferManifest.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "message.xml", 1_000_000, default));
        ex.Status.ShouldBe(400);
        ex.Code.ShouldBe("xdomea-invalid");
        ex.Detail!.ShouldContain(place);
        ex.Detail!.ShouldContain(expected);
    }

    [Fact]
    public async Task HardeningItem1_AManifestNested100000Deep_IsRefusedAtOnce_NamingTheLine()
    {
        // XDocument builds a deep tree in quadratic time (40,000 levels took 6 s, 100,000 about 40 s): one package
        // could keep a core busy for hours within the manifest's size limit.
        var xml = "<x:Abgabe.Abgabe.0401 xmlns:x=\"urn:xoev-de:xdomea:schema:3.0.0\">\n" + string.Concat(Enumerable.Repeat("<a>", 100_000))
            + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</x:Abgabe.Abgabe.0401>";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Should.ThrowAsync<SaasProblemException>(() => TransferManifest.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "message.xml", 10_000_000, default));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        ex.Code.ShouldBe("xdomea-invalid");
        ex.Detail!.ShouldContain("line 2, position");
        ex.Detail!.ShouldContain("nested more than 64 levels deep");
    }

    [Fact]
    public async Task AnEntryThatYieldsMoreThanItDeclares_IsStoppedAtTheFirstReadBeyond()
    {
        var counted = new CountingReadStream(new MemoryStream(new byte[100_000]), "documents/x", declared: 10, new ByteBudget(1_000_000));
        var ex = await Should.ThrowAsync<SaasProblemException>(() => counted.CopyToAsync(Stream.Null));
        ex.Status.ShouldBe(400);
        ex.Detail!.ShouldContain("more than the 10 bytes it declares");
    }

    [Fact]
    public async Task AllEntriesTogether_MayNotExceedTheBudget()
    {
        var budget = new ByteBudget(1500);
        var first = new CountingReadStream(new MemoryStream(new byte[1000]), "documents/a", 1000, budget);
        await first.CopyToAsync(Stream.Null);
        var second = new CountingReadStream(new MemoryStream(new byte[1000]), "documents/b", 1000, budget);
        var ex = await Should.ThrowAsync<SaasProblemException>(() => second.CopyToAsync(Stream.Null));
        ex.Status.ShouldBe(413);
        ex.Detail!.ShouldContain("documents/b");
    }

    [Fact]
    public async Task AZipAnnouncingMoreEntriesThanAllowed_IsRefusedBeforeItsDirectoryIsRead()
    {
        var zip = SmallZip();
        // The end record's entry counts (this disk, total) claim 65,000 entries.
        var end = zip.Length - 22;
        BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)).ShouldBe(0x06054b50u);
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(end + 8), 65000);
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(end + 10), 65000);
        var ex = await Should.ThrowAsync<SaasProblemException>(() => ZipPreflight.CheckAsync(new MemoryStream(zip), Limits, default));
        ex.Status.ShouldBe(413);
        ex.Detail!.ShouldContain("65000 entries");
    }

    [Fact]
    public async Task AZipWhoseDirectorySizeDoesNotMatchItsEndRecord_IsRefused()
    {
        var zip = SmallZip();
        var end = zip.Length - 22;
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(end + 12), BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 12)) + 46);
        var ex = await Should.ThrowAsync<SaasProblemException>(() => ZipPreflight.CheckAsync(new MemoryStream(zip), Limits, default));
        ex.Code.ShouldBe("invalid-package");
    }

    [Fact]
    public async Task AWellFormedZip_PassesThePreflight()
    {
        await ZipPreflight.CheckAsync(new MemoryStream(SmallZip()), Limits, default);
    }

    private static byte[] SmallZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry(Guid.NewGuid() + "_Abgabe.Abgabe.0401.xml").Open();
            stream.Write("<x/>"u8);
        }

        return buffer.ToArray();
    }
}
