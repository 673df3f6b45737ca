// Namespaces most files of this project use; a file names only what is particular to it.
global using Microsoft.AspNetCore.Authentication;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Saas.Platform.Data;
global using Saas.Platform.Hosting;
global using Saas.Platform.Identity;
global using Saas.Platform.Modules;
global using Saas.Platform.Tenancy;
global using System.Security.Claims;
global using Saas.Platform.Texts;
global using System.Text.RegularExpressions;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Saas.Platform.Errors;
global using Saas.Platform.Metadata;
global using Saas.Platform.Web;
