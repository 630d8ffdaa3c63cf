import Foundation
import PackagePlugin

/// Writes the commit the binary is built from into a generated
/// `BuildInfo.commit`, before every build (a prebuild command: the commit
/// changes without any source file changing). `git` is asked through
/// `/bin/sh`; outside a git checkout the commit reads `unknown`, and a tree
/// with uncommitted changes gets a `-dirty` suffix.
@main
struct StampVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let directory = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let script = """
            dir="$1"; root="$2"; mkdir -p "$dir"
            commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
            if [ "$commit" != unknown ] && [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
                commit="$commit-dirty"
            fi
            text="/// The commit this binary was built from (\\`git rev-parse --short HEAD\\`).
            enum BuildInfo { static let commit = \\"$commit\\" }"
            [ "$(cat "$dir/BuildInfo.swift" 2>/dev/null)" = "$text" ] || printf '%s\\n' "$text" > "$dir/BuildInfo.swift"
            """
        return [
            .prebuildCommand(
                displayName: "Stamping the commit into \(target.name)",
                executable: URL(filePath: "/bin/sh"),
                arguments: ["-c", script, "stamp", directory.path, context.package.directoryURL.path],
                outputFilesDirectory: directory)
        ]
    }
}
