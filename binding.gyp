{
  "targets": [
    {
      "target_name": "unicase",
      "sources": ["native/unicase.c"],
      "include_dirs": [
        "<!(node -p \"require('path').join(require('path').dirname(require.resolve('better-sqlite3/package.json')), 'deps', 'sqlite3')\")",
        "native"
      ],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2"] }
    },
    {
      "target_name": "mathf",
      "sources": ["native/mathf.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-fno-fast-math"],
      "libraries": ["-lm"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2"] }
    }
  ]
}
