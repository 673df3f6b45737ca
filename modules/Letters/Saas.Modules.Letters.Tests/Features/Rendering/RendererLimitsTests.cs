using System.Net.Sockets;
using Saas.Platform.Errors;

namespace Saas.Modules.Letters.Tests.Features.Rendering;

/// <summary>A host whose templates folder holds a probe template that asks for resources from the network and the disk.</summary>
public sealed class ProbeTemplatesFixture : TwoTenantsFixture
{
    public static readonly TcpListener Listener = Start();

    public static readonly string Root = MakeRoot();

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Letters:TenantsPath"] = Root };

    private static TcpListener Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static string MakeRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "letters-probe-" + Guid.NewGuid().ToString("N"));
        var templates = Path.Combine(root, "_platform", "templates");
        Directory.CreateDirectory(templates);
        foreach (var file in Directory.GetFiles(Path.Combine(DemoLetters.Tenants, "_platform", "templates")))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        var port = ((IPEndPoint)Listener.LocalEndpoint).Port;
        File.WriteAllText(Path.Combine(templates, "probe.cshtml"), $$"""
            @model Saas.Modules.Letters.Contracts.LetterModel
            @{ Layout = "_platform/templates/_layout.cshtml"; }
            <link rel="stylesheet" href="http://127.0.0.1:{{port}}/style.css">
            <link rel="stylesheet" href="file:///etc/hostname">
            <h1>@Model.Text("subject")</h1>
            <img src="http://127.0.0.1:{{port}}/logo.png" alt="">
            <p>@Model.Text("body")</p>
            """);
        return root;
    }
}

/// <summary>
/// WeasyPrint runs without the network and sees no file outside the templates (docs/adr/0023): a template that asks for
/// a style and an image from a server and a file elsewhere on disk is rendered without them, and the server is never
/// called; and a PDF beyond the size limit is refused.
/// </summary>
public sealed class RendererLimitsTests(ProbeTemplatesFixture fixture) : IClassFixture<ProbeTemplatesFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ResourcesFromTheNetworkOrOtherFolders_AreNeverFetched()
    {
        var file = await PublishProbeAsync();

        var letter = await RenderAsync(new LetterRequest("probe", file, null, null, new Dictionary<string, string>()));

        (await DemoLetters.TextAsync(letter.Pdf)).ShouldContain("Probe ohne Netz");
        await Task.Delay(200);
        ProbeTemplatesFixture.Listener.Pending().ShouldBeFalse("WeasyPrint must not connect to the network");
    }

    [Fact]
    public async Task APdfBeyondTheSizeLimit_IsRefused()
    {
        var file = await PublishProbeAsync();
        var options = fixture.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LettersOptions>>().Value;
        var before = options.MaxPdfBytes;
        options.MaxPdfBytes = 1024;
        try
        {
            var refused = await Should.ThrowAsync<SaasProblemException>(() => RenderAsync(new LetterRequest("probe", file, null, null, new Dictionary<string, string>())));
            refused.Code.ShouldBe("letter-pdf-too-large");
        }
        finally
        {
            options.MaxPdfBytes = before;
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task ARendererThatDiesWithoutAWord_IsTriedOnceMore_ThenRefusedWithItsExitCode()
    {
        var file = await PublishProbeAsync();
        var options = fixture.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LettersOptions>>().Value;
        var folder = Directory.CreateTempSubdirectory("letters-killed-");
        var runs = Path.Combine(folder.FullName, "runs");
        var script = Path.Combine(folder.FullName, "python");
        // Stands in for an interpreter that is killed (as by the OOM killer): counts its runs, says nothing, dies by SIGKILL.
        await File.WriteAllTextAsync(script, $"#!/bin/sh\necho run >> '{runs}'\nkill -9 $$\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var before = options.Python;
        options.Python = script;
        try
        {
            var refused = await Should.ThrowAsync<SaasProblemException>(() => RenderAsync(new LetterRequest("probe", file, null, null, new Dictionary<string, string>())));
            refused.Code.ShouldBe("letter-renderer-failed");
            refused.Detail.ShouldBe("exit code 137");
            (await File.ReadAllLinesAsync(runs)).Length.ShouldBe(2);
        }
        finally
        {
            options.Python = before;
            folder.Delete(recursive: true);
        }
    }

    private async Task<Guid> PublishProbeAsync()
    {
        using (fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A))
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
            await store.SaveDraftAsync("""
                kind: letter
                key: probe
                spec:
                  template: probe
                  documentType: schriftverkehr
                  texts:
                    - language: de
                      blocks:
                        - { name: subject, text: "Probe ohne Netz" }
                        - { name: body, text: "Nichts wird nachgeladen." }
                """, "test");
            await store.PublishAsync(null, "test");
        }

        return (await DemoLetters.OpenFileAsync(DemoLetters.Client(fixture, fixture.A.Key), "Probe", "Paula")).Id;
    }

    private async Task<RenderedLetter> RenderAsync(LetterRequest request)
    {
        using var _ = fixture.App.Services.GetRequiredService<ICurrentTenant>().Begin(fixture.A);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ILetters>().RenderAsync(request);
    }
}
