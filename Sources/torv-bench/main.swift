import TorvBench

await TorvBenchMain.run()
