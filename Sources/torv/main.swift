import TorvApp

await TorvMain.run()
