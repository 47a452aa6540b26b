{
  "targets": [
    {
      "target_name": "pulse_fs",
      "sources": ["pulse-fs.c", "batch-read.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "libraries": ["-lpthread"]
    }
  ]
}
