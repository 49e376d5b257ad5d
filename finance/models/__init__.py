from finance.models.common import AuditEntry, CostType
from finance.models.controlling import SpendingForecast
from finance.models.cost_plans import CostLine, CostPlan, MaterialMode, PersonnelCostLine
from finance.models.funds import ForwardingContract, FundsCall, FundsCallLine, FundsTransfer, Reallocation
from finance.models.joint import GrantDecision, GrantedAmount, JointApplication
from finance.models.rates import FundingRate, PayGroupRate
from finance.models.statements import PartialStatement, Receipt, UseOfFundsStatement, retention_until

__all__ = [
    "AuditEntry",
    "CostLine",
    "CostPlan",
    "CostType",
    "ForwardingContract",
    "FundingRate",
    "FundsCall",
    "FundsCallLine",
    "FundsTransfer",
    "GrantDecision",
    "GrantedAmount",
    "JointApplication",
    "MaterialMode",
    "PartialStatement",
    "PayGroupRate",
    "PersonnelCostLine",
    "Reallocation",
    "Receipt",
    "SpendingForecast",
    "UseOfFundsStatement",
    "retention_until",
]
