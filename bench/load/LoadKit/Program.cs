using System.Globalization;
using LoadKit;

// Helpers of bench/load/run.sh (see bench/load/README.md):
//   stubs        --dir D --slack-port P --connector-port P --openid-port P --app-id GUID
//   sign         --secret S --kind help|start|gap --out FILE [--channels 50 --count 60000 --users 5 --prefix s]
//   raw-inserts  --connection CS --seconds 20 --workers 32
//   verify       --connection CS --prefix P --stats URL --slack-acks N --teams-acks N
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: LoadKit stubs|sign|raw-inserts|verify [options]");
    return 2;
}
var options = Args.Parse(args.Skip(1));
return args[0] switch
{
    "stubs" => await Stubs.RunAsync(options),
    "sign" => SignedRequests.Write(options),
    "raw-inserts" => await RawInsertRate.RunAsync(options),
    "verify" => await GapCheck.RunAsync(options),
    _ => Fail(args[0]),
};

static int Fail(string verb)
{
    Console.Error.WriteLine($"unknown verb {verb}");
    return 2;
}

namespace LoadKit
{
    internal sealed class Args(Dictionary<string, string> values)
    {
        public static Args Parse(IEnumerable<string> args)
        {
            var list = args.ToList();
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < list.Count; i += 2) values[list[i].TrimStart('-')] = list[i + 1];
            return new Args(values);
        }

        public string this[string name] => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

        public string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;

        public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    }
}
