namespace Toki.EngineIO; internal static class Placeholder {}
