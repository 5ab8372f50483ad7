// scripts/dist and scripts/install write the commit here for the build and put this file back afterwards
// (scripts/lib-build-info.sh); a plain `swift build` says "unknown commit".
let bakedCommit: String? = nil
