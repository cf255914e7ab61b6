"""lawgov-lint: a compliance checker for Chinese 法治政府建设年度报告.

The annual report on building rule-of-law government is required by
《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号), articles 23–25.
"""

__version__ = "0.1.0"
