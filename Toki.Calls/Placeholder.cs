namespace Toki.Calls; internal static class Placeholder {}
