using RecoveryBot.Core.App;
using RecoveryBot.Host;
using RecoveryBot.Host.Scheduling;
using RecoveryBot.Host.Summary;
using RecoveryBot.Host.Web;
using RecoveryBot.Slack;
using RecoveryBot.Teams;
using RecoveryBot.Storage;

// Settings files live beside the binary, whatever the working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:3978");
}
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

if (args is [DueCommand.Verb, ..])
{
    return await DueCommand.RunAsync(args, builder.Configuration, services =>
    {
        services.AddTeamsChannel(builder.Configuration);
        services.AddSlackChannel(builder.Configuration);
    });
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddTableStorage(builder.Configuration);
builder.Services.AddRecoveryBotCore(builder.Configuration);
builder.Services.AddTeamsChannel(builder.Configuration);
builder.Services.AddSlackChannel(builder.Configuration);
builder.Services.AddScheduler(builder.Configuration);

var app = builder.Build();
// Every section's validators (ValidateOnStart) run here, before anything is mapped or started: one line per mistake.
if (StartupChecks.Report(app.Services, Console.Error)) return StartupChecks.ExitCode;
app.UseCorrelation();
app.MapHealth();
app.MapSummary();
app.MapTeamsChannel();
app.MapSlackChannel();

await app.RunAsync();
return 0;
