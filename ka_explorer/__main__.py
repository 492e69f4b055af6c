from ka_explorer.cli import main

raise SystemExit(main())
