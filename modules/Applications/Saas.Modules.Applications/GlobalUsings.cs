// Namespaces most files of this project use; a file names only what is particular to it.
global using System.Globalization;
global using System.Text.Json.Nodes;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.AspNetCore.Routing;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using Saas.Platform.Errors;
global using Saas.Platform.Expressions;
global using Saas.Platform.Metadata;
global using Saas.Platform.Modules;
global using Saas.Platform.Texts;
