"""Text primitives every stage may use: quotation marks and the date grammar. Nothing
here imports a stage, so no stage imports a later one to reach them."""
