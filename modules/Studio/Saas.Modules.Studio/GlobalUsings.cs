// Namespaces most files of this project use; a file names only what is particular to it.
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.AspNetCore.Routing;
global using Microsoft.Extensions.DependencyInjection;
global using Saas.Modules.Studio.Features.Editors;
global using Saas.Platform.Errors;
global using Saas.Platform.Identity;
global using Saas.Platform.Metadata;
global using Saas.Platform.Modules;
global using Saas.Platform.Texts;
global using System.Text.Json.Nodes;
