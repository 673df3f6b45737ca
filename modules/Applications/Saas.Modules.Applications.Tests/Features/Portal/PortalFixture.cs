using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Tenancy;
using Saas.Testing;

namespace Saas.Modules.Applications.Tests.Features.Portal;

/// <summary>
/// Two fresh authorities per test on the shared host, each with Nürnberg's sample form
/// (tenants/nuernberg/forms/verlaengerung-beschaeftigung.yaml: two steps, a repeating group, a condition, a computed
/// value, a file, a code list) published; and the helpers an applicant's browser without JavaScript needs.
/// </summary>
public partial class PortalFixture : TwoTenantsFixture
{
    public const string FormKey = "verlaengerung-beschaeftigung";

    public static string SampleYaml => File.ReadAllText(Path.Combine(SaasAppFactory.RepositoryRoot, "tenants", "nuernberg", "forms", FormKey + ".yaml"));

    protected override async Task PrepareAuthoritiesAsync()
    {
        foreach (var tenant in new[] { A, B })
        {
            await PublishAsync(tenant, SampleYaml);
        }
    }

    public async Task PublishAsync(TenantInfo tenant, string yaml)
    {
        using var scope = App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var store = scope.ServiceProvider.GetRequiredService<IMetadataStore>();
        var draft = await store.SaveDraftAsync(yaml, "test");
        await store.PublishAsync([(draft.Kind, draft.Key)], "test");
    }

    /// <summary>A signed-in applicant's token (no authority: applicants turn to any; docs/adr/0043).</summary>
    public string ApplicantToken(string subject, string? trustLevel = null) =>
        TestTokens.Issue(App, null, subject, [Saas.Platform.Identity.SaasRoles.Applicant], displayName: "Olena Kovalenko", trustLevel: trustLevel);

    /// <summary>An API client of <paramref name="tenant"/> with <paramref name="token"/>.</summary>
    public HttpClient Api(TenantInfo tenant, string token)
    {
        var client = App.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant.Key}/");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser of its own (cookies for the antiforgery token), which does not follow redirects.</summary>
    public HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Starts an application: the draft's first step's path (with the tenant's path base).</summary>
    public static async Task<string> StartAsync(HttpClient browser, TenantInfo tenant, string form = FormKey)
    {
        var response = await browser.GetAsync($"/t/{tenant.Key}/antraege/{form}");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<string> HtmlAsync(HttpClient browser, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, html.Length > 2000 ? html[..2000] : html);
        return html;
    }

    /// <summary>Posts a step's form as the browser would (with the page's antiforgery token), optionally with a file.</summary>
    /// <remarks><paramref name="page"/>: the page whose form is posted, when it is not <paramref name="url"/> itself.</remarks>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string url, IEnumerable<(string Name, string Value)> fields,
        (string Name, string FileName, string ContentType, byte[] Bytes)? file = null, string? page = null)
    {
        page = await HtmlAsync(browser, (page ?? url).Split('#')[0]);
        var content = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery(page)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Bytes);
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(f.ContentType);
            content.Add(bytes, f.Name, f.FileName);
        }

        return await browser.PostAsync(url, content);
    }

    public static string Antiforgery(string html) => AntiforgeryToken().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new ShouldAssertException("the page has no antiforgery token");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>How many submissions and drafts an authority has, read through the module's own context (its RLS applies).</summary>
    public async Task<(int Submissions, int Drafts)> CountAsync(TenantInfo tenant)
    {
        using var scope = App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationsDbContext>();
        return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Submissions),
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Drafts));
    }

    internal async Task<Saas.Modules.Applications.Features.Submissions.SubmissionRecord> SingleSubmissionAsync(TenantInfo tenant)
    {
        using var scope = App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationsDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Submissions);
    }

    /// <summary>A real one-page PDF with a line of text (the e-Akte opens and reads what it files).</summary>
    public static byte[] Pdf(string text = "Arbeitsvertrag") => OneLinePdf.Create(text);

    /// <summary>Keeps a file through the API for a form's field; the JSON value a submission's field names it with.</summary>
    public async Task<JsonObject> UploadAsync(TenantInfo tenant, string field, byte[]? bytes = null, string form = FormKey, string fileName = "vertrag.pdf",
        HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(field), "field" },
            { new ByteArrayContent(bytes ?? Pdf()), "file", fileName },
        };
        var response = await App.CreateClient().PostAsync($"/t/{tenant.Key}/api/applications/{form}/evidence", content);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        var view = JsonNode.Parse(body)!.AsObject();
        return expected == HttpStatusCode.Created
            ? new JsonObject { ["evidence"] = view["id"]!.GetValue<string>(), ["name"] = view["name"]!.GetValue<string>(), ["contentType"] = view["contentType"]!.GetValue<string>(), ["bytes"] = view["bytes"]!.GetValue<long>() }
            : view;
    }

    /// <summary>Replaces every file value in <paramref name="values"/> (objects with <c>evidence</c>) by a file kept for its path.</summary>
    public async Task<JsonObject> WithEvidenceAsync(TenantInfo tenant, string form, JsonObject values)
    {
        foreach (var (path, node) in Files(values, "").ToList())
        {
            var kept = await UploadAsync(tenant, path, form: form);
            node.Parent!.AsObject()[path.Split('.')[^1].Split('[')[0]] = kept;
        }

        return values;
    }

    private static IEnumerable<(string Path, JsonObject Node)> Files(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject file when file.ContainsKey("evidence"):
                yield return (path, file);
                break;
            case JsonObject group:
                foreach (var (key, child) in group)
                {
                    foreach (var found in Files(child, path.Length == 0 ? key : path + "." + key))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray entries:
                for (var i = 0; i < entries.Count; i++)
                {
                    foreach (var found in Files(entries[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    /// <summary>An authority's kept files, read through the module's own context.</summary>
    internal async Task<List<Saas.Modules.Applications.Features.Evidence.EvidenceRecord>> EvidenceAsync(TenantInfo tenant)
    {
        using var scope = App.Services.CreateScope();
        using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationsDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Evidence);
    }
}
